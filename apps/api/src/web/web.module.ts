import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { PartnerSyncModule } from '@tradefloor/partner-sync';
import { SearchModule } from '@tradefloor/search';
import { TraceabilityModule } from '@tradefloor/traceability';
import { AssetsController } from './pages/assets.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { BackOfficeController } from './pages/back-office.controller';
import { StaticPagesController } from './pages/static-pages.controller';
import { EnterprisePagesController } from './pages/store/enterprise-pages.controller';
import { HomePageController } from './pages/store/home-page.controller';
import { ProductPageController } from './pages/store/product-page.controller';
import { SearchPageController } from './pages/store/search-page.controller';
import { WebSession } from './session/web-session.service';

/** Server-rendered storefront and back office pages, on the API's server and port. */
@Module({
  imports: [CatalogModule, SearchModule, NewsBulletinModule, EnterpriseProfileModule, PartnerSyncModule, TraceabilityModule],
  controllers: [
    StaticPagesController,
    AssetsController,
    AuthPagesController,
    BackOfficeController,
    HomePageController,
    SearchPageController,
    ProductPageController,
    EnterprisePagesController,
  ],
  providers: [WebSession],
})
export class WebModule {}
