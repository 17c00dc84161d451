import type { Certification } from '@tradefloor/catalog';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** numeric columns come back from pg as strings; batch quantities fit a JS number. */
const numericNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** A production or harvest lot of one product; stamps and trace events hang off it. */
@Entity('trace_batches')
export class BatchEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'uuid', name: 'enterprise_id' }) enterpriseId!: string;
  @Column({ type: 'text', name: 'lot_code' }) lotCode!: string;
  @Column({ type: 'text', nullable: true }) gtin14!: string | null;
  @Column({ type: 'date', name: 'produced_at' }) producedAt!: string;
  @Column({ type: 'date', name: 'expires_at', nullable: true }) expiresAt!: string | null;
  @Column({ type: 'numeric', transformer: numericNumber }) quantity!: number;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'text', name: 'origin_commune_code', nullable: true }) originCommuneCode!: string | null;
  @Column({ type: 'jsonb' }) certifications!: Certification[];
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'int', name: 'issued_count' }) issuedCount!: number;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
