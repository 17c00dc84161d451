import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ENTERPRISE_KINDS = ['household', 'company', 'private_enterprise', 'cooperative', 'cooperative_group'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];
export const LEGAL_FORMS = ['llc', 'jsc', 'partnership'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
export const ENTERPRISE_STATUSES = ['draft', 'pending_verification', 'verified', 'rejected', 'suspended'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** A seller on the floor: household business, company, private enterprise, cooperative or cooperative group. */
@Entity('enterprises')
export class EnterpriseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) kind!: EnterpriseKind;
  @Column({ type: 'text', name: 'legal_form', nullable: true }) legalForm!: LegalForm | null;
  @Column({ type: 'text', name: 'legal_name' }) legalName!: string;
  @Column({ type: 'text', name: 'display_name' }) displayName!: string;
  @Column({ type: 'text', name: 'tax_code', nullable: true }) taxCode!: string | null;
  /** Households registered since 1 July 2025 use the 12-digit personal ID number instead of a tax code. */
  @Column({ type: 'text', name: 'personal_id', nullable: true }) personalId!: string | null;
  @Column({ type: 'text', nullable: true }) representative!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ type: 'text', nullable: true }) street!: string | null;
  @Column({ type: 'text', name: 'province_code' }) provinceCode!: string;
  @Column({ type: 'text', name: 'commune_code' }) communeCode!: string;
  @Column({ type: 'text', name: 'legacy_address', nullable: true }) legacyAddress!: string | null;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text', name: 'logo_url', nullable: true }) logoUrl!: string | null;
  @Column({ type: 'int', name: 'founding_year', nullable: true }) foundingYear!: number | null;
  @Column({ type: 'text' }) status!: EnterpriseStatus;
  @Column({ type: 'text', name: 'rejection_reason', nullable: true }) rejectionReason!: string | null;
  @Column({ type: 'text', name: 'suspension_reason', nullable: true }) suspensionReason!: string | null;
  @Column({ type: 'uuid', name: 'owner_id' }) ownerId!: string;
  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'verified_at', nullable: true }) verifiedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
