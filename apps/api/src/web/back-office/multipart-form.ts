import type { FastifyRequest } from 'fastify';

export interface MultipartForm {
  fields: Record<string, string>;
  file?: Buffer;
  /** The file was bigger than allowed (its bytes were not kept). */
  tooLarge: boolean;
}

/**
 * Reads a browser's multipart form: text fields (the CSRF token among them) and at most one file,
 * never buffering more than `maxBytes`. The fields become `req.body` so `assertCsrf` can check them.
 * An empty file input (no file chosen) counts as no file.
 */
export async function readMultipartForm(req: FastifyRequest, maxBytes: number): Promise<MultipartForm> {
  const out: MultipartForm = { fields: {}, tooLarge: false };
  if (req.isMultipart()) {
    try {
      for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20 } })) {
        if (part.type === 'file') {
          try {
            const data = await part.toBuffer();
            if (part.file.truncated) out.tooLarge = true;
            else if (data.length) out.file = data;
          } catch (err) {
            if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
            out.tooLarge = true;
          }
        } else if (typeof part.value === 'string') {
          out.fields[part.fieldname] = part.value;
        }
      }
    } catch (err) {
      // A malformed or over-limit body is treated like a missing file; the caller shows the form error.
      if (!(err as { code?: string }).code?.startsWith('FST_')) throw err;
    }
  }
  (req as { body?: unknown }).body = out.fields;
  return out;
}
