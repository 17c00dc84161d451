import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The bank account buyers pay an enterprise by VietQR; one per enterprise, the number sealed. */
@Entity('payout_accounts')
export class PayoutAccountEntity {
  @PrimaryColumn('uuid', { name: 'enterprise_id' }) enterpriseId!: string;
  @Column({ type: 'text', name: 'bank_bin' }) bankBin!: string;
  /** `SecretBox` output (`v1.…`); never sent or logged as is. */
  @Column({ type: 'text', name: 'account_number_sealed' }) accountNumberSealed!: string;
  @Column({ type: 'text', name: 'account_holder' }) accountHolder!: string;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
