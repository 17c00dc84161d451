import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const BULLETIN_KINDS = ['article', 'event'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];
export const BULLETIN_STATUSES = ['draft', 'pending_approval', 'scheduled', 'published', 'archived', 'withheld'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

const bigintToNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) };

/** A news bulletin or an event. Timestamps are set explicitly from the injected Clock. */
@Entity('bulletins')
export class BulletinEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: BulletinKind;
  @Column({ type: 'text' }) status!: BulletinStatus;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text', name: 'cover_image_url', nullable: true }) coverImageUrl!: string | null;
  @Column({ type: 'uuid', name: 'category_id' }) categoryId!: string;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ type: 'text', array: true, name: 'tag_keys' }) tagKeys!: string[];
  @Column({ type: 'text', name: 'author_byline', nullable: true }) authorByline!: string | null;
  @Column({ type: 'uuid', array: true, name: 'related_enterprise_ids' }) relatedEnterpriseIds!: string[];
  @Column({ type: 'uuid', array: true, name: 'related_product_ids' }) relatedProductIds!: string[];
  @Column({ type: 'timestamptz', name: 'event_starts_at', nullable: true }) eventStartsAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'event_ends_at', nullable: true }) eventEndsAt!: Date | null;
  @Column({ type: 'text', name: 'event_location', nullable: true }) eventLocation!: string | null;
  @Column({ type: 'text', name: 'event_organiser', nullable: true }) eventOrganiser!: string | null;
  @Column({ type: 'timestamptz', name: 'publish_at', nullable: true }) publishAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'text', name: 'rejection_reason', nullable: true }) rejectionReason!: string | null;
  @Column({ type: 'text', name: 'search_text', select: false }) searchText!: string;
  @Column({ type: 'bigint', name: 'view_count', transformer: bigintToNumber }) viewCount!: number;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
