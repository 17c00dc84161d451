import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
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
  imports: [CatalogModule, InquiriesModule],
  controllers: [StaticPagesController, AssetsController, AuthPagesController, BackOfficeController, InquiryFormController, InquiryInboxController],
  providers: [WebSession],
})
export class WebModule {}
