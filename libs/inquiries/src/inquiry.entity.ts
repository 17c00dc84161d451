import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const INQUIRY_STATUSES = ['new', 'read', 'answered', 'closed', 'spam'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** A buyer's question about one product, addressed to the product's enterprise. */
@Entity('inquiries')
export class InquiryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'uuid', name: 'enterprise_id' }) enterpriseId!: string;
  @Column({ type: 'uuid', name: 'buyer_user_id', nullable: true }) buyerUserId!: string | null;
  @Column({ type: 'text', name: 'buyer_name' }) buyerName!: string;
  @Column({ type: 'text', name: 'buyer_phone', nullable: true }) buyerPhone!: string | null;
  @Column({ type: 'int' }) quantity!: number;
  /** Plain text: escape on output. */
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'text' }) status!: InquiryStatus;
  @Column({ type: 'text', name: 'client_hash' }) clientHash!: string;
  @Column({ type: 'text', name: 'user_agent_hash', nullable: true }) userAgentHash!: string | null;
  @Column({ type: 'timestamptz', name: 'notified_at', nullable: true }) notifiedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
