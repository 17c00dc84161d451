import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError, type FieldError } from './domain-error';
import { wantsHtmlPage, type ErrorPageRenderer } from './error-page-renderer';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Vietnamese wording for framework errors (their English text follows in parentheses). */
const VI_BY_STATUS: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  406: 'Định dạng phản hồi không được hỗ trợ',
  409: 'Xung đột dữ liệu',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Kiểu dữ liệu gửi lên không được hỗ trợ',
  422: 'Dữ liệu không xử lý được',
  429: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

function bilingual(status: number, english: string): string {
  const vi = VI_BY_STATUS[status];
  return vi ? `${vi} (${english})` : english;
}

interface Envelope {
  statusCode: number;
  code: string;
  message: string;
  details?: FieldError[];
  requestId: string;
}

/** Turns any thrown value into the shared error envelope; unknown errors never leak internals. */
export function toEnvelope(exception: unknown, requestId: string): { envelope: Envelope; headers: Record<string, string> } {
  if (exception instanceof DomainError) {
    return {
      envelope: { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details, requestId },
      headers: exception.headers ?? {},
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? String((body as { message: unknown[] }).message.join('; '))
          : String((body as { message?: unknown }).message ?? exception.message);
    return { envelope: { statusCode: status, code: CODE_BY_STATUS[status] ?? 'ERROR', message: bilingual(status, message), requestId }, headers: {} };
  }
  if (exception instanceof QueryFailedError) {
    const pgCode = (exception as unknown as { code?: string }).code;
    if (pgCode === '23505') {
      return { envelope: { statusCode: 409, code: 'CONFLICT', message: 'Dữ liệu đã tồn tại (duplicate)', requestId }, headers: {} };
    }
    if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22001') {
      return { envelope: { statusCode: 400, code: 'BAD_REQUEST', message: 'Giá trị không hợp lệ (invalid value)', requestId }, headers: {} };
    }
  }
  const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return {
      envelope: {
        statusCode: fastifyStatus,
        code: CODE_BY_STATUS[fastifyStatus] ?? 'BAD_REQUEST',
        message: bilingual(fastifyStatus, (exception as Error).message),
        requestId,
      },
      headers: {},
    };
  }
  return {
    envelope: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Lỗi hệ thống (internal error)', requestId },
    headers: {},
  };
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  /** `pages`: HTML error pages for browsers (absent in processes without the web layer). */
  constructor(private readonly pages?: ErrorPageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const { envelope, headers } = toEnvelope(exception, String(request.id));
    if (envelope.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      request.log.error({ err: exception }, 'unhandled error');
    }
    const page = this.pages && wantsHtmlPage(request) ? this.renderPage(envelope, request, reply) : undefined;
    if (page !== undefined) {
      void reply.status(envelope.statusCode).headers(headers).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
      return;
    }
    void reply.status(envelope.statusCode).headers(headers).type('application/json; charset=utf-8').send(envelope);
  }

  /** A failing error page must not hide the original error: fall back to the envelope. */
  private renderPage(envelope: Envelope, request: FastifyRequest, reply: FastifyReply): string | undefined {
    try {
      return this.pages!.render(envelope, request, reply);
    } catch (err) {
      request.log.error({ err }, 'error page rendering failed');
      return undefined;
    }
  }
}
