export { ReviewsModule } from './reviews.module';
export { Reviews, REVIEW_REPORTS_TO_HIDE, publishCleanReviews, summarise } from './reviews.service';
export { ReviewEntity, ReviewReportEntity, ProductRatingEntity, REVIEW_ENTITIES, REVIEW_STATUSES, type ReviewStatus } from './entities';
export * from './reviews.dto';
export { ReviewPhotos, REVIEW_PHOTO_FILES_QUEUE, reviewPhotoUrl, type ReviewPhotoStatus } from './photos/review-photos.service';
export { ReviewPhotoStatusDto } from './photos/review-photos.controller';
