import { BulletinWorkflowController } from './bulletin-workflow.controller';
import { BulletinsEditorController } from './bulletins.controller';
import { EnterpriseQueueController } from './enterprise-queue.controller';
import { InquiryStatsController } from './inquiry-stats.controller';
import { OcopController } from './ocop.controller';
import { PeersController } from './peers.controller';
import { ProductQueueController } from './product-queue.controller';
import { ScreeningTermsPageController } from './screening-terms.controller';
import { StatsController } from './stats.controller';
import { SyncOverviewController } from './sync-overview.controller';
import { UsersController } from './users.controller';
import { AuditLogPageController } from './trust-safety/audit-log.controller';
import { ComplaintQueueController } from './trust-safety/complaint-queue.controller';
import { IdentityReviewController } from './trust-safety/identity-review.controller';
import { SellerAccountPageController } from './trust-safety/seller-account-page.controller';
import { BreachPagesController } from './trust-safety/breach-pages.controller';
import { TakedownPagesController } from './trust-safety/takedown-pages.controller';
import { LegalDocumentsPageController } from './legal-documents.controller';
import { ReviewModerationPageController } from './review-moderation.controller';

/** The back office pages of editors and admins, registered by WebModule. */
export const STAFF_CONTROLLERS = [
  EnterpriseQueueController,
  ProductQueueController,
  BulletinsEditorController,
  BulletinWorkflowController,
  UsersController,
  StatsController,
  SyncOverviewController,
  OcopController,
  InquiryStatsController,
  PeersController,
  ScreeningTermsPageController,
  IdentityReviewController,
  ComplaintQueueController,
  TakedownPagesController,
  AuditLogPageController,
  SellerAccountPageController,
  BreachPagesController,
  LegalDocumentsPageController,
  ReviewModerationPageController,
];
