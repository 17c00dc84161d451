import type { ApiBodyOptions } from '@nestjs/swagger';
import { readUploadedFile } from '@tradefloor/core';
import type { FastifyRequest } from 'fastify';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TOO_LARGE = 'Ảnh vượt quá 5 MB (image larger than 5 MB)';

/** The OpenAPI body of every route that takes one image as the multipart part `file`. */
export const IMAGE_UPLOAD_BODY: ApiBodyOptions = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, ≤ 5 MB' } } },
};

/** The bytes of the image posted as `file`, refused (400 on `file`) beyond MAX_IMAGE_BYTES; processProductImage checks what they are. */
export async function readUploadedImage(req: FastifyRequest): Promise<Buffer> {
  return (await readUploadedFile(req, MAX_IMAGE_BYTES, IMAGE_TOO_LARGE)).data;
}
