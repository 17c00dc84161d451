import { BulletinPagesController } from './bulletin-pages.controller';
import { EventsPageController } from './events-page.controller';
import { RelatedLinks } from './related-links';
import { StampCheckerController } from './stamp-checker.controller';

/** News, events and the stamp checker, registered in WebModule as one group. */
export const CONTENT_CONTROLLERS = [BulletinPagesController, EventsPageController, StampCheckerController];
export const CONTENT_PROVIDERS = [RelatedLinks];
