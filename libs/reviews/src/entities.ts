import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const REVIEW_STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A buyer's review of one product (and its seller) from one completed sub-order. */
@Entity('reviews')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', name: 'sub_order_code' }) subOrderCode!: string;
  @Column({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'uuid', name: 'enterprise_id' }) enterpriseId!: string;
  @Column({ type: 'uuid', name: 'author_user_id', nullable: true }) authorUserId!: string | null;
  @Column({ type: 'text', name: 'author_name' }) authorName!: string;
  @Column({ type: 'smallint', name: 'product_stars' }) productStars!: number;
  @Column({ type: 'smallint', name: 'seller_stars' }) sellerStars!: number;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) status!: ReviewStatus;
  @Column({ type: 'jsonb' }) screening!: unknown;
  @Column({ type: 'text', name: 'reply_text', nullable: true }) replyText!: string | null;
  @Column({ type: 'timestamptz', name: 'replied_at', nullable: true }) repliedAt!: Date | null;
  @Column({ type: 'int', name: 'report_count' }) reportCount!: number;
  @Column({ type: 'timestamptz', name: 'moderated_at', nullable: true }) moderatedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

/** Somebody's report of a review (once per reporter). */
@Entity('review_reports')
export class ReviewReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'review_id' }) reviewId!: string;
  @Column({ type: 'uuid', name: 'reporter_user_id', nullable: true }) reporterUserId!: string | null;
  @Column({ type: 'text', name: 'reporter_hash' }) reporterHash!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** The published reviews of a product, summed up (kept in every publish/hide transaction). */
@Entity('product_ratings')
export class ProductRatingEntity {
  @PrimaryColumn({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'uuid', name: 'enterprise_id' }) enterpriseId!: string;
  @Column({ type: 'int', name: 'review_count' }) reviewCount!: number;
  @Column({ type: 'int', name: 'stars_sum' }) starsSum!: number;
  @Column({ type: 'numeric', precision: 3, scale: 2 }) average!: string;
  @Column({ type: 'int', array: true }) distribution!: number[];
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

export const REVIEW_ENTITIES = [ReviewEntity, ReviewReportEntity, ProductRatingEntity];
