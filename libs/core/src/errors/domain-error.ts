import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failure the caller can act on. `code` is stable (clients and tests match on it);
 * `status` is how the one exception filter reports it over HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = HttpStatus.BAD_REQUEST,
    readonly details?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: FieldError[], message = 'Dữ liệu không hợp lệ (validation failed)') {
    super('VALIDATION_FAILED', message, HttpStatus.BAD_REQUEST, details);
  }

  static field(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(what = 'Resource', code = 'NOT_FOUND') {
    super(code, `${what} không tồn tại (not found)`, HttpStatus.NOT_FOUND);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Cần đăng nhập (authentication required)', code = 'UNAUTHORIZED') {
    super(code, message, HttpStatus.UNAUTHORIZED);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Không có quyền thực hiện thao tác này (forbidden)', code = 'FORBIDDEN') {
    super(code, message, HttpStatus.FORBIDDEN);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code = 'CONFLICT', details?: FieldError[]) {
    super(code, message, HttpStatus.CONFLICT, details);
  }
}

export class InvalidStateError extends DomainError {
  constructor(message: string, code = 'INVALID_STATE') {
    super(code, message, HttpStatus.CONFLICT);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(retryAfterSeconds: number, message = 'Quá nhiều yêu cầu, vui lòng thử lại sau (too many requests)') {
    super('TOO_MANY_REQUESTS', message, HttpStatus.TOO_MANY_REQUESTS, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}
