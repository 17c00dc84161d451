import { ChannelPagesController } from './channel-pages.controller';
import { PayoutAccountPageController } from './payments/payout-account-page.controller';
import { EnterprisePagesController } from './enterprise-pages.controller';
import { IdentityPageController } from './trust-safety/identity-page.controller';
import { SellerTakedownsController } from './trust-safety/seller-takedowns.controller';
import { InquiryInboxController } from './inquiries/inquiry-inbox.controller';
import { SellerOrdersController } from './orders/seller-orders.controller';
import { ProductImportController } from './product-import.controller';
import { ProductPagesController } from './product-pages.controller';
import { SellerAccountPageController } from './seller-account.controller';
import { BatchPage } from './traceability/batch-page.view';
import { BatchPagesController } from './traceability/batch-pages.controller';
import { ScanPagesController } from './traceability/scan-pages.controller';
import { StampPagesController } from './traceability/stamp-pages.controller';

/** The sellers' back office pages, registered together in WebModule. */
export const BUSINESS_CONTROLLERS = [
  EnterprisePagesController,
  ProductImportController,
  ProductPagesController,
  BatchPagesController,
  StampPagesController,
  ScanPagesController,
  ChannelPagesController,
  InquiryInboxController,
  SellerAccountPageController,
  IdentityPageController,
  SellerTakedownsController,
  PayoutAccountPageController,
  SellerOrdersController,
];
/** Services shared by several of those pages. */
export const BUSINESS_PROVIDERS = [BatchPage];
