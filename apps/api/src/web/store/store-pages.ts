import { ComplaintPagesController } from './complaints/complaint-pages.controller';
import { PrivacyRequestPagesController } from './privacy/privacy-request-pages.controller';
import { EnterprisePagesController } from './enterprise-pages.controller';
import { HomePageController } from './home-page.controller';
import { InquiryFormController } from './inquiries/inquiry-form.controller';
import { LegalChromeHooks } from './legal/legal-chrome.hooks';
import { LegalPagesController } from './legal/legal-pages.controller';
import { BulletinPagesController } from './news/bulletin-pages.controller';
import { EventsPageController } from './news/events-page.controller';
import { RelatedLinks } from './news/related-links';
import { OrderPagesController } from './orders/order-pages.controller';
import { ReviewLinkPageController } from './reviews/review-link-page.controller';
import { ProductPageController } from './product-page.controller';
import { ReviewReportController } from './reviews/review-report.controller';
import { SearchPageController } from './search-page.controller';
import { StampCheckerController } from './stamps/stamp-checker.controller';
import { StampVerificationController } from './stamps/stamp-verification.controller';
import { StaticPagesController } from './static-pages.controller';

/** The public pages (buyers, anyone): catalogue, news and events, stamp checks, the inquiry form. */
export const STORE_CONTROLLERS = [
  StaticPagesController,
  HomePageController,
  SearchPageController,
  ProductPageController,
  EnterprisePagesController,
  InquiryFormController,
  BulletinPagesController,
  EventsPageController,
  StampCheckerController,
  StampVerificationController,
  ComplaintPagesController,
  PrivacyRequestPagesController,
  LegalPagesController,
  OrderPagesController,
  ReviewLinkPageController,
  ReviewReportController,
];
export const STORE_PROVIDERS = [RelatedLinks, LegalChromeHooks];
