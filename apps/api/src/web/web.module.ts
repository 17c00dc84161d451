import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { ERROR_PAGE_RENDERER } from '@tradefloor/core';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { CONTENT_CONTROLLERS, CONTENT_PROVIDERS } from './content/content-pages';
import { StorefrontErrorPages } from './content/error-page';
import { AssetsController } from './pages/assets.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { BackOfficeController } from './pages/back-office.controller';
import { StaticPagesController } from './pages/static-pages.controller';
import { WebSession } from './session/web-session.service';

/** Server-rendered storefront and back office pages, on the API's server and port. */
@Module({
  imports: [CatalogModule, NewsBulletinModule],
  controllers: [StaticPagesController, AssetsController, AuthPagesController, BackOfficeController, ...CONTENT_CONTROLLERS],
  providers: [
    WebSession,
    ...CONTENT_PROVIDERS,
    // Browsers get HTML error pages from the core error filter (createHttpApp looks this token up).
    StorefrontErrorPages,
    { provide: ERROR_PAGE_RENDERER, useExisting: StorefrontErrorPages },
  ],
})
export class WebModule {}
