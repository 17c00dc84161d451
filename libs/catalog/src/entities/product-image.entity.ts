import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A re-encoded product photo (metadata stripped) and its thumbnail, by storage key. */
@Entity('product_images')
export class ProductImageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'int' }) position!: number;
  @Column({ type: 'text', name: 'storage_key' }) storageKey!: string;
  @Column({ type: 'text', name: 'thumbnail_key' }) thumbnailKey!: string;
  @Column({ type: 'text', name: 'mime_type' }) mimeType!: string;
  @Column({ type: 'int' }) width!: number;
  @Column({ type: 'int' }) height!: number;
  @Column({ type: 'int' }) bytes!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
