import { Module } from '@nestjs/common';
import { AssetsController } from './pages/assets.controller';
import { StaticPagesController } from './pages/static-pages.controller';

/** Server-rendered storefront and back office pages, on the API's server and port. */
@Module({ controllers: [StaticPagesController, AssetsController] })
export class WebModule {}
