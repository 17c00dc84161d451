import { ValidationFailedError } from '@tradefloor/core';
import sharp from 'sharp';
import { IMAGE_TOO_LARGE, MAX_IMAGE_BYTES } from './image-upload';

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
const MAX_INPUT_PIXELS = 40_000_000;

export interface ProcessedImage {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  mimeType: 'image/webp';
}

function refuse(message: string): ValidationFailedError {
  return ValidationFailedError.field('file', message);
}

/**
 * Checks what the bytes really are (never the file name or the declared type), then re-encodes to
 * WebP: rotated upright from EXIF, at most 1600 px, all metadata (EXIF, GPS, XMP, ICC) dropped,
 * plus a 400 px thumbnail.
 */
export async function processProductImage(input: Buffer): Promise<ProcessedImage> {
  if (input.length === 0) throw refuse('Tệp rỗng (empty file)');
  if (input.length > MAX_IMAGE_BYTES) throw refuse(IMAGE_TOO_LARGE);
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw refuse('Tệp không phải ảnh JPEG, PNG hoặc WebP (not a JPEG, PNG or WebP image)');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw refuse('Chỉ nhận ảnh JPEG, PNG hoặc WebP (only JPEG, PNG or WebP images)');
  }
  try {
    const base = () => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    const { data: image, info } = await base()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await base().resize({ width: 400, height: 400, fit: 'inside', withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
    return { image, thumbnail, width: info.width, height: info.height, mimeType: 'image/webp' };
  } catch {
    throw refuse('Ảnh bị hỏng hoặc quá lớn để xử lý (corrupt or oversized image)');
  }
}
