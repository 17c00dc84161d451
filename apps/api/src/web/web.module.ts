import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { ERROR_PAGE_RENDERER } from '@tradefloor/core';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { FederationModule } from '@tradefloor/federation';
import { InquiriesModule } from '@tradefloor/inquiries';
import { LegalModule } from '@tradefloor/legal';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { OrdersModule } from '@tradefloor/orders';
import { PartnerSyncModule } from '@tradefloor/partner-sync';
import { PaymentsModule } from '@tradefloor/payments';
import { ReviewsModule } from '@tradefloor/reviews';
import { SearchModule } from '@tradefloor/search';
import { TraceabilityModule } from '@tradefloor/traceability';
import { TrustSafetyModule } from '@tradefloor/trust-safety';
import { AuthPagesController } from './account/auth-pages.controller';
import { EmailVerificationPagesController } from './account/email-verification-pages.controller';
import { AssetsController } from './assets/assets.controller';
import { EditorScriptController } from './assets/editor-script.controller';
import { BackOffice } from './back-office/back-office';
import { BackOfficeController } from './back-office/back-office-home.controller';
import { BUSINESS_CONTROLLERS, BUSINESS_PROVIDERS } from './back-office/business/business-controllers';
import { PrivacyModule } from '@tradefloor/privacy';
import { STAFF_CONTROLLERS } from './back-office/staff/staff-controllers';
import { MyDataPagesController } from './back-office/privacy/my-data.controller';
import { MyOrdersController } from './back-office/orders/my-orders.controller';
import { PrivacyRequestQueuePageController } from './back-office/privacy/privacy-request-queue.controller';
import { PageCacheHooks } from './cache/page-cache.hooks';
import { PageCacheTags } from './cache/page-cache-tags';
import { StorefrontErrorPages } from './html/error-page.view';
import { WebSession } from './session/web-session.service';
import { STORE_CONTROLLERS, STORE_PROVIDERS } from './store/store-pages';

/**
 * Server-rendered pages, on the API's server and port, grouped by audience: the store (anyone),
 * accounts (sign-up, sign-in), and the back office of sellers and of provincial staff.
 */
@Module({
  imports: [
    LegalModule,
    CatalogModule,
    OrdersModule,
    SearchModule,
    ReviewsModule,
    NewsBulletinModule,
    EnterpriseProfileModule,
    PartnerSyncModule,
    TraceabilityModule,
    InquiriesModule,
    TrustSafetyModule,
    FederationModule,
    PrivacyModule,
    PaymentsModule,
  ],
  controllers: [
    AssetsController,
    EditorScriptController,
    ...STORE_CONTROLLERS,
    AuthPagesController,
    EmailVerificationPagesController,
    BackOfficeController,
    ...BUSINESS_CONTROLLERS,
    MyDataPagesController,
    MyOrdersController,
    PrivacyRequestQueuePageController,
    ...STAFF_CONTROLLERS,
  ],
  providers: [
    WebSession,
    PageCacheHooks,
    PageCacheTags,
    BackOffice,
    ...BUSINESS_PROVIDERS,
    ...STORE_PROVIDERS,
    // Browsers get HTML error pages from the core error filter (createHttpApp looks this token up).
    StorefrontErrorPages,
    { provide: ERROR_PAGE_RENDERER, useExisting: StorefrontErrorPages },
  ],
})
export class WebModule {}
