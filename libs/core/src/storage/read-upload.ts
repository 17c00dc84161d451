import { ValidationFailedError } from '../errors/domain-error';
import type { FastifyRequest } from 'fastify';

/**
 * Reads the one file of a multipart request into memory, refusing (400, field `file`) a missing
 * file or one above `maxBytes` without buffering more than the limit.
 */
export async function readUploadedFile(req: FastifyRequest, maxBytes: number, tooLarge: string): Promise<{ data: Buffer; filename: string }> {
  if (!req.isMultipart()) throw ValidationFailedError.field('file', 'Cần gửi tệp dạng multipart/form-data (multipart upload expected)');
  let part;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch {
    throw ValidationFailedError.field('file', 'Không đọc được tệp tải lên (unreadable upload)');
  }
  if (!part) throw ValidationFailedError.field('file', 'Thiếu tệp (file missing)');
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw ValidationFailedError.field('file', tooLarge);
    throw ValidationFailedError.field('file', 'Không đọc được tệp tải lên (unreadable upload)');
  }
  if (part.file.truncated) throw ValidationFailedError.field('file', tooLarge);
  return { data, filename: part.filename };
}
