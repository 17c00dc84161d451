import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { ADMIN_CONTROLLERS } from './back-office/admin/admin-controllers';
import { BUSINESS_CONTROLLERS } from './back-office/business/business-controllers';
import { BusinessPages } from './back-office/business/business-pages';
import { AssetsController } from './pages/assets.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { BackOfficeController } from './pages/back-office.controller';
import { StaticPagesController } from './pages/static-pages.controller';
import { WebSession } from './session/web-session.service';

/** Server-rendered storefront and back office pages, on the API's server and port. */
@Module({
  imports: [EnterpriseProfileModule, CatalogModule, NewsBulletinModule],
  controllers: [StaticPagesController, AssetsController, AuthPagesController, BackOfficeController, ...ADMIN_CONTROLLERS, ...BUSINESS_CONTROLLERS],
  providers: [WebSession, BusinessPages],
})
export class WebModule {}
