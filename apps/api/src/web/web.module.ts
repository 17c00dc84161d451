import { Module } from '@nestjs/common';
import { AssetsController } from './pages/assets.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { BackOfficeController } from './pages/back-office.controller';
import { StaticPagesController } from './pages/static-pages.controller';
import { WebSession } from './session/web-session.service';

/** Server-rendered storefront and back office pages, on the API's server and port. */
@Module({
  controllers: [StaticPagesController, AssetsController, AuthPagesController, BackOfficeController],
  providers: [WebSession],
})
export class WebModule {}
