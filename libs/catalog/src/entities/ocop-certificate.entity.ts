import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OcopCertificateStatus = 'valid' | 'expired' | 'revoked';

/** An OCOP recognition decision for a product; valid 36 months from the decision date. */
@Entity('ocop_certificates')
export class OcopCertificateEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'smallint' }) stars!: 3 | 4 | 5;
  /** Scored ≥ 90 at province level and proposed to the centre: a status, not a certified level. */
  @Column({ type: 'boolean', name: 'potential_five_star' }) potentialFiveStar!: boolean;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  score!: number;
  @Column({ type: 'text', name: 'decision_number' }) decisionNumber!: string;
  @Column({ type: 'text', name: 'issuing_body' }) issuingBody!: string;
  /** Calendar dates (YYYY-MM-DD), no time zone. */
  @Column({ type: 'date', name: 'decision_date' }) decisionDate!: string;
  @Column({ type: 'date', name: 'valid_until' }) validUntil!: string;
  @Column({ type: 'text', name: 'product_group', nullable: true }) productGroup!: string | null;
  @Column({ type: 'text' }) status!: OcopCertificateStatus;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text', name: 'revocation_reason', nullable: true }) revocationReason!: string | null;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
