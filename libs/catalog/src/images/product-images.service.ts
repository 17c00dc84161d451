import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvents, FileStorage, InvalidStateError, LOGGER, NotFoundError, ValidationFailedError } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { ProductAccess } from '../access/product-access.service';
import { ProductEntity } from '../entities/product.entity';
import { ProductImageEntity } from '../entities/product-image.entity';
import { ProductsService } from '../products/products.service';
import { processProductImage } from './image-processor';

export const MAX_IMAGES_PER_PRODUCT = 12;

/** Product photos: processed before anything is stored; rows and files are kept in step. */
@Injectable()
export class ProductImages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProductAccess,
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
    private readonly products: ProductsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async add(principal: Principal, productId: string, bytes: Buffer): Promise<ProductImageEntity> {
    const { product } = await this.access.assertCanManage(principal, productId);
    this.assertEditable(product);
    const processed = await processProductImage(bytes);
    const name = randomUUID();
    const storageKey = `products/${productId}/${name}.webp`;
    const thumbnailKey = `products/${productId}/${name}-thumb.webp`;
    await this.storage.put(storageKey, processed.image);
    await this.storage.put(thumbnailKey, processed.thumbnail);
    try {
      return await this.dataSource.transaction(async (m) => {
        const p = await m.getRepository(ProductEntity).findOne({ where: { id: productId }, lock: { mode: 'pessimistic_write' } });
        if (!p) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
        this.assertEditable(p);
        const repo = m.getRepository(ProductImageEntity);
        const count = await repo.countBy({ productId });
        if (count >= MAX_IMAGES_PER_PRODUCT) {
          throw ValidationFailedError.field('file', `Tối đa ${MAX_IMAGES_PER_PRODUCT} ảnh mỗi sản phẩm (at most ${MAX_IMAGES_PER_PRODUCT} images)`);
        }
        const [{ next }] = await m.query(`SELECT COALESCE(max(position) + 1, 0)::int AS next FROM product_images WHERE product_id = $1`, [productId]);
        const image = await repo.save(
          repo.create({
            productId,
            position: next,
            storageKey,
            thumbnailKey,
            mimeType: processed.mimeType,
            width: processed.width,
            height: processed.height,
            bytes: processed.image.length,
          }),
        );
        await this.touch(m, p);
        return image;
      });
    } catch (err) {
      await this.removeFiles([storageKey, thumbnailKey]);
      throw err;
    }
  }

  async remove(principal: Principal, productId: string, imageId: string): Promise<void> {
    const { product } = await this.access.assertCanManage(principal, productId);
    this.assertEditable(product);
    const image = await this.dataSource.transaction(async (m) => {
      const p = await m.getRepository(ProductEntity).findOne({ where: { id: productId }, lock: { mode: 'pessimistic_write' } });
      const found = await m.getRepository(ProductImageEntity).findOneBy({ id: imageId, productId });
      if (!p || !found) throw new NotFoundError('Ảnh', 'IMAGE_NOT_FOUND');
      await m.getRepository(ProductImageEntity).delete({ id: imageId });
      await this.touch(m, p);
      return found;
    });
    await this.removeFiles([image.storageKey, image.thumbnailKey]);
  }

  /** New order of all the product's images (the first is the cover). */
  async reorder(principal: Principal, productId: string, imageIds: string[]): Promise<void> {
    const { product } = await this.access.assertCanManage(principal, productId);
    this.assertEditable(product);
    await this.dataSource.transaction(async (m) => {
      const p = await m.getRepository(ProductEntity).findOne({ where: { id: productId }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
      const repo = m.getRepository(ProductImageEntity);
      const current = await repo.findBy({ productId });
      const same = current.length === imageIds.length && new Set(imageIds).size === imageIds.length && current.every((i) => imageIds.includes(i.id));
      if (!same) {
        throw ValidationFailedError.field('imageIds', 'Cần liệt kê đúng và đủ các ảnh của sản phẩm (must list every image of the product once)');
      }
      for (const [position, id] of imageIds.entries()) await repo.update({ id }, { position });
      await this.touch(m, p);
    });
  }

  private async touch(m: EntityManager, p: ProductEntity): Promise<void> {
    this.products.contentEdited(p);
    await m.getRepository(ProductEntity).save(p);
    await m.query(`UPDATE products SET updated_at = now() WHERE id = $1`, [p.id]);
    await this.events.publish(m, 'product.changed', { productId: p.id });
  }

  private assertEditable(p: ProductEntity): void {
    if (p.status === 'archived') throw new InvalidStateError('Sản phẩm đã lưu trữ, không sửa được (archived products cannot be edited)', 'PRODUCT_ARCHIVED');
  }

  private async removeFiles(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key).catch((err: unknown) => this.logger.warn({ err, key }, 'could not delete a stored file'));
    }
  }
}
