import type { INestApplicationContext } from '@nestjs/common';
import { processProductImage, type ProcessedImage } from '@tradefloor/catalog';
import { DomainEvents, FileStorage } from '@tradefloor/core';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { ILLUSTRATION_VARIANTS, hash, illustrationSvg } from './illustrations';

export interface ImagesReport {
  productsIllustrated: number;
  imagesStored: number;
  ms: number;
}

export interface ImagesProgress {
  done: number;
  total: number;
}

/** Products written per transaction (rows and change events commit together). */
const CHUNK = 50;

/** One picture for a product with nothing special, two for some, three (a gallery) for OCOP products. */
function imageCount(slug: string, ocop: boolean): number {
  return ocop ? 3 : 1 + (hash(slug) % 2);
}

/**
 * Gives every product of the demo set (by slug) that has no photo one to three generated
 * illustrations (illustrations.ts), through the same WebP pipeline and FileStorage as an upload,
 * with a `product.changed` event so that search documents and pages pick the thumbnails up.
 * Idempotent: products that already have a photo — including one a seller uploaded — are skipped.
 * Each (category, composition) is rendered and encoded once and stored under each product's own
 * keys, so deleting one product's photo never touches another's.
 */
export async function seedDemoImages(app: INestApplicationContext, slugs: string[], onProgress?: (p: ImagesProgress) => void): Promise<ImagesReport> {
  const started = Date.now();
  const dataSource = app.get(DataSource);
  const storage = app.get(FileStorage);
  const events = app.get(DomainEvents);
  const products: Array<{ id: string; slug: string; category: string; ocop: boolean }> = await dataSource.query(
    `SELECT p.id, p.slug, c.slug AS category,
            EXISTS (SELECT 1 FROM ocop_certificates oc WHERE oc.product_id = p.id) AS ocop
     FROM products p JOIN categories c ON c.id = p.category_id
     WHERE p.slug = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id)
     ORDER BY p.slug`,
    [slugs],
  );
  const rendered = new Map<string, Promise<ProcessedImage>>();
  const picture = (category: string, variant: number) => {
    const key = `${category}:${variant}`;
    let image = rendered.get(key);
    if (!image) {
      image = sharp(Buffer.from(illustrationSvg(category, variant)))
        .png()
        .toBuffer()
        .then((png) => processProductImage(png));
      rendered.set(key, image);
    }
    return image;
  };

  let imagesStored = 0;
  for (let start = 0; start < products.length; start += CHUNK) {
    const chunk = products.slice(start, start + CHUNK);
    const rows: Array<{ productId: string; position: number; storageKey: string; thumbnailKey: string; image: ProcessedImage }> = [];
    for (const p of chunk) {
      const first = hash(p.slug) % ILLUSTRATION_VARIANTS;
      for (let position = 0; position < imageCount(p.slug, p.ocop); position++) {
        const image = await picture(p.category, first + position);
        const name = randomUUID();
        const storageKey = `products/${p.id}/${name}.webp`;
        const thumbnailKey = `products/${p.id}/${name}-thumb.webp`;
        await storage.put(storageKey, image.image);
        await storage.put(thumbnailKey, image.thumbnail);
        rows.push({ productId: p.id, position, storageKey, thumbnailKey, image });
      }
    }
    await dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO product_images (product_id, position, storage_key, thumbnail_key, mime_type, width, height, bytes)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[])`,
        [
          rows.map((r) => r.productId),
          rows.map((r) => r.position),
          rows.map((r) => r.storageKey),
          rows.map((r) => r.thumbnailKey),
          rows.map((r) => r.image.mimeType),
          rows.map((r) => r.image.width),
          rows.map((r) => r.image.height),
          rows.map((r) => r.image.image.length),
        ],
      );
      for (const p of chunk) await events.publish(m, 'product.changed', { productId: p.id });
    });
    imagesStored += rows.length;
    onProgress?.({ done: Math.min(start + CHUNK, products.length), total: products.length });
  }
  return { productsIllustrated: products.length, imagesStored, ms: Date.now() - started };
}
