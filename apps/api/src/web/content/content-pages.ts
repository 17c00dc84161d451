import { BulletinPagesController } from './bulletin-pages.controller';
import { EventsPageController } from './events-page.controller';
import { RelatedLinks } from './related-links';
import { StampCheckerController } from './stamp-checker.controller';
import { StampVerificationController } from './stamp-verification.controller';

/** News, events, the stamp checker and the stamp verification page, registered in WebModule as one group. */
export const CONTENT_CONTROLLERS = [BulletinPagesController, EventsPageController, StampCheckerController, StampVerificationController];
export const CONTENT_PROVIDERS = [RelatedLinks];
