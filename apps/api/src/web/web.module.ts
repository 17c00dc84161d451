import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { ERROR_PAGE_RENDERER } from '@tradefloor/core';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { InquiriesModule } from '@tradefloor/inquiries';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { PartnerSyncModule } from '@tradefloor/partner-sync';
import { SearchModule } from '@tradefloor/search';
import { TraceabilityModule } from '@tradefloor/traceability';
import { TrustSafetyModule } from '@tradefloor/trust-safety';
import { ADMIN_CONTROLLERS } from './back-office/admin/admin-controllers';
import { BUSINESS_CONTROLLERS, BUSINESS_PROVIDERS } from './back-office/business/business-controllers';
import { BusinessPages } from './back-office/business/business-pages';
import { PageCacheHooks } from './cache/page-cache.hooks';
import { PageCacheTags } from './cache/page-cache-tags';
import { CONTENT_CONTROLLERS, CONTENT_PROVIDERS } from './content/content-pages';
import { StorefrontErrorPages } from './content/error-page';
import { AssetsController } from './pages/assets.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { BackOfficeController } from './pages/back-office.controller';
import { EmailVerificationPagesController } from './pages/email-verification-pages.controller';
import { InquiryFormController } from './pages/inquiries/inquiry-form.controller';
import { InquiryInboxController } from './pages/inquiries/inquiry-inbox.controller';
import { StaticPagesController } from './pages/static-pages.controller';
import { EnterprisePagesController } from './pages/store/enterprise-pages.controller';
import { HomePageController } from './pages/store/home-page.controller';
import { ProductPageController } from './pages/store/product-page.controller';
import { SearchPageController } from './pages/store/search-page.controller';
import { WebSession } from './session/web-session.service';

/** Server-rendered storefront and back office pages, on the API's server and port. */
@Module({
  imports: [
    CatalogModule,
    SearchModule,
    NewsBulletinModule,
    EnterpriseProfileModule,
    PartnerSyncModule,
    TraceabilityModule,
    InquiriesModule,
    TrustSafetyModule,
  ],
  controllers: [
    StaticPagesController,
    AssetsController,
    AuthPagesController,
    BackOfficeController,
    EmailVerificationPagesController,
    HomePageController,
    SearchPageController,
    ProductPageController,
    EnterprisePagesController,
    InquiryFormController,
    InquiryInboxController,
    ...CONTENT_CONTROLLERS,
    ...ADMIN_CONTROLLERS,
    ...BUSINESS_CONTROLLERS,
  ],
  providers: [
    WebSession,
    PageCacheHooks,
    PageCacheTags,
    BusinessPages,
    ...BUSINESS_PROVIDERS,
    ...CONTENT_PROVIDERS,
    // Browsers get HTML error pages from the core error filter (createHttpApp looks this token up).
    StorefrontErrorPages,
    { provide: ERROR_PAGE_RENDERER, useExisting: StorefrontErrorPages },
  ],
})
export class WebModule {}
