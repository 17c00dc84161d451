import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { ADMIN_CONTROLLERS } from './back-office/admin/admin-controllers';
import { BUSINESS_CONTROLLERS } from './back-office/business/business-controllers';
import { BusinessPages } from './back-office/business/business-pages';
import { InquiriesModule } from '@tradefloor/inquiries';
import { AssetsController } from './pages/assets.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { BackOfficeController } from './pages/back-office.controller';
import { InquiryFormController } from './pages/inquiries/inquiry-form.controller';
import { InquiryInboxController } from './pages/inquiries/inquiry-inbox.controller';
import { StaticPagesController } from './pages/static-pages.controller';
import { WebSession } from './session/web-session.service';

/** Server-rendered storefront and back office pages, on the API's server and port. */
@Module({
  imports: [EnterpriseProfileModule, CatalogModule, NewsBulletinModule, InquiriesModule],
  controllers: [
    StaticPagesController,
    AssetsController,
    AuthPagesController,
    BackOfficeController,
    InquiryFormController,
    InquiryInboxController,
    ...ADMIN_CONTROLLERS,
    ...BUSINESS_CONTROLLERS,
  ],
  providers: [WebSession, BusinessPages],
})
export class WebModule {}
