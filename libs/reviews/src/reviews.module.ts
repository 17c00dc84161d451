import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { OrdersModule } from '@tradefloor/orders';
import { SearchModule } from '@tradefloor/search';
import { TrustSafetyModule } from '@tradefloor/trust-safety';
import { REVIEW_ENTITIES } from './entities';
import { ReviewLinkPhotosController, ReviewPhotoModerationController, ReviewPhotosController } from './photos/review-photos.controller';
import { ReviewPhotos } from './photos/review-photos.service';
import { ReviewPersonalData } from './review-personal-data';
import { ReviewModerationController, ReviewsController } from './reviews.controller';
import { ReviewsRetention } from './reviews-retention';
import { Reviews } from './reviews.service';

/** Reviews after delivery: buyers rate product and seller once per completed sub-order line (libs/reviews/README.md). */
@Module({
  imports: [OrdersModule, EnterpriseProfileModule, TrustSafetyModule, SearchModule, TypeOrmModule.forFeature(REVIEW_ENTITIES)],
  controllers: [ReviewsController, ReviewModerationController, ReviewPhotosController, ReviewLinkPhotosController, ReviewPhotoModerationController],
  providers: [Reviews, ReviewPhotos, ReviewPersonalData, ReviewsRetention],
  exports: [Reviews, ReviewPhotos],
})
export class ReviewsModule {}
