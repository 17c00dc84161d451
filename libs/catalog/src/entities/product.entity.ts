import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PRODUCT_STATUSES = ['draft', 'pending_review', 'published', 'rejected', 'unlisted', 'archived', 'withheld'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const CERTIFICATION_TYPES = ['vietgap', 'globalgap', 'organic', 'haccp', 'iso22000', 'typical_rural_industrial', 'other'] as const;
export type CertificationType = (typeof CERTIFICATION_TYPES)[number];

export interface Certification {
  type: CertificationType;
  /** Required for `other` (e.g. "Chứng nhận Halal"). */
  name?: string;
}

/** bigint columns come back from pg as strings; VND amounts fit in a JS number. */
const bigintNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('products')
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'enterprise_id' }) enterpriseId!: string;
  @Column({ type: 'uuid', name: 'category_id' }) categoryId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) slug!: string;
  /** Sanitised rich text (HTML allow-list). */
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) sku!: string;
  @Column({ type: 'text', nullable: true }) gtin!: string | null;
  @Column({ type: 'bigint', name: 'price_vnd', transformer: bigintNumber }) priceVnd!: number;
  @Column({ type: 'bigint', name: 'price_max_vnd', nullable: true, transformer: bigintNumber }) priceMaxVnd!: number | null;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'int', name: 'min_order_quantity' }) minOrderQuantity!: number;
  @Column({ type: 'int', name: 'stock_quantity' }) stockQuantity!: number;
  @Column({ type: 'int', name: 'weight_grams', nullable: true }) weightGrams!: number | null;
  @Column({ type: 'text', name: 'origin_commune_code', nullable: true }) originCommuneCode!: string | null;
  @Column({ type: 'jsonb' }) certifications!: Certification[];
  @Column({ type: 'text' }) status!: ProductStatus;
  /** Grows with every change of reviewed content; a moderator's approval can be pinned to it (issue 18 §7). */
  @Column({ type: 'int', default: 1 }) revision!: number;
  @Column({ type: 'text', name: 'rejection_reason', nullable: true }) rejectionReason!: string | null;
  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
