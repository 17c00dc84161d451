import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('bulletin_revisions')
export class BulletinRevisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'bulletin_id' }) bulletinId!: string;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'text' }) action!: 'create' | 'update';
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'uuid', name: 'editor_id', nullable: true }) editorId!: string | null;
  @Column({ type: 'text', name: 'editor_name' }) editorName!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
