import { ChannelPagesController } from './channel-pages.controller';
import { EnterprisePagesController } from './enterprise-pages.controller';
import { ProductImportController } from './product-import.controller';
import { ProductPagesController } from './product-pages.controller';

/** The sellers' back office pages, registered together in WebModule. */
export const BUSINESS_CONTROLLERS = [EnterprisePagesController, ProductImportController, ProductPagesController, ChannelPagesController];
