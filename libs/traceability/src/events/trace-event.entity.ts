import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EpcisAction, EpcisEventType } from './vocabulary';

/** One EPCIS event about a whole batch (class level: the batch's LGTIN and quantity). */
@Entity('trace_events')
export class TraceEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'batch_id' }) batchId!: string;
  @Column({ type: 'text' }) type!: EpcisEventType;
  @Column({ type: 'text', nullable: true }) action!: EpcisAction | null;
  @Column({ type: 'text', name: 'biz_step' }) bizStep!: string;
  @Column({ type: 'timestamptz', name: 'event_time' }) eventTime!: Date;
  @Column({ type: 'text', name: 'event_time_zone_offset' }) eventTimeZoneOffset!: string;
  @Column({ type: 'text', nullable: true }) place!: string | null;
  @Column({ type: 'text', name: 'commune_code', nullable: true }) communeCode!: string | null;
  @Column({ type: 'text', name: 'read_point', nullable: true }) readPoint!: string | null;
  @Column({ type: 'text', nullable: true }) actor!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text', name: 'photo_url', nullable: true }) photoUrl!: string | null;
  @Column({ type: 'uuid', name: 'recorded_by', nullable: true }) recordedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
}
