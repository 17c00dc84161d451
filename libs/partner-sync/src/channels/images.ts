import sharp from 'sharp';
import { SyncError } from './channel.types';

/**
 * Fetches one of our product images (stored as WebP) and re-encodes it as JPEG, the format every
 * marketplace accepts (the ones we know take JPG/PNG only).
 */
export async function fetchImageAsJpeg(url: string, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new SyncError('transient', `Không tải được ảnh sản phẩm (cannot fetch image ${url})`);
  }
  if (!res.ok) throw new SyncError('transient', `Không tải được ảnh sản phẩm (image ${url}: HTTP ${res.status})`);
  const bytes = Buffer.from(await res.arrayBuffer());
  let jpeg: Buffer;
  try {
    jpeg = await sharp(bytes).jpeg({ quality: 90 }).toBuffer();
  } catch {
    throw new SyncError('validation', `Ảnh sản phẩm không đọc được (unreadable image ${url})`);
  }
  if (jpeg.length > maxBytes) {
    throw new SyncError('validation', `Ảnh lớn hơn ${Math.round(maxBytes / 1048576)} MB (image larger than ${Math.round(maxBytes / 1048576)} MB)`);
  }
  return jpeg;
}

/** One file as multipart/form-data, with optional plain fields. */
export function multipartBody(file: { field: string; filename: string; contentType: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const boundary = `----tradefloor${Date.now().toString(16)}${Math.random().toString(16).slice(2, 10)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}
