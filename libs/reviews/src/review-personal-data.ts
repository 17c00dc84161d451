import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';
import { ReviewPhotos } from './photos/review-photos.service';

/**
 * reviews' part of "my data": the account's reviews (with the seller's reply) and its reports. On
 * deletion the reviews stay (they are part of the product's and the seller's public rating) with
 * the author replaced by the pseudonym and the link to the account cut; the reports lose their
 * reporter; a photo is deleted.
 */
@Injectable()
export class ReviewPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'reviews';
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly photos: ReviewPhotos,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    const reviews: PersonalDataRow[] = await m.query(
      `SELECT 'review' AS kind, id, sub_order_code AS "subOrderCode", product_id AS "productId", enterprise_id AS "enterpriseId",
              author_name AS "authorName", product_stars AS "productStars", seller_stars AS "sellerStars", text, status,
              reply_text AS "replyText", replied_at AS "repliedAt", photo_status AS "photoStatus", created_at AS "createdAt"
       FROM reviews WHERE author_user_id = $1 ORDER BY created_at`,
      [subject.userId],
    );
    const reports: PersonalDataRow[] = await m.query(
      `SELECT 'report' AS kind, review_id AS "reviewId", reason, created_at AS "createdAt" FROM review_reports WHERE reporter_user_id = $1 ORDER BY created_at`,
      [subject.userId],
    );
    return [...reviews, ...reports];
  }

  async erase(subject: PersonalDataSubject, m: EntityManager): Promise<void> {
    // A photo may show the author or their home: it goes, the pseudonymised words and stars stay.
    const photos = await m.query(`SELECT photo_key, photo_thumb_key FROM reviews WHERE author_user_id = $1 AND photo_key IS NOT NULL`, [subject.userId]);
    await this.photos.releaseAll(m, photos);
    await m.query(
      `UPDATE reviews SET author_name = $2, author_user_id = NULL, photo_key = NULL, photo_thumb_key = NULL, photo_status = NULL, photo_at = NULL
       WHERE author_user_id = $1`,
      [subject.userId, subject.pseudonym],
    );
    await m.query(`UPDATE review_reports SET reporter_user_id = NULL WHERE reporter_user_id = $1`, [subject.userId]);
  }
}
