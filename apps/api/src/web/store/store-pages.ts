import { BulletinPagesController } from './news/bulletin-pages.controller';
import { EventsPageController } from './news/events-page.controller';
import { RelatedLinks } from './news/related-links';
import { StampCheckerController } from './stamps/stamp-checker.controller';
import { StampVerificationController } from './stamps/stamp-verification.controller';

/** News, events, the stamp checker and the stamp verification page, registered in WebModule as one group. */
export const CONTENT_CONTROLLERS = [BulletinPagesController, EventsPageController, StampCheckerController, StampVerificationController];
export const CONTENT_PROVIDERS = [RelatedLinks];
