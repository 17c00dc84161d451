import { CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards, applyDecorators, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorEnvelopeDto, ForbiddenError, requestContext, UnauthorizedError } from '@tradefloor/core';
import type { FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { UserEntity, type Role } from '../entities/user.entity';
import { toPrincipal, type Principal } from './principal';
import { TokenService } from './token.service';

const ROLES_KEY = 'tradefloor:roles';
const OPTIONAL_KEY = 'tradefloor:auth-optional';
const UNVERIFIED_KEY = 'tradefloor:allow-unverified';
/** Methods that only read: an account whose email is not verified yet may use them. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The 403 every write of an unverified account gets (API envelope and web pages alike). */
export function emailNotVerifiedError(): ForbiddenError {
  return new ForbiddenError(
    'Vui lòng xác minh email trước khi thực hiện thao tác này; kiểm tra hộp thư hoặc gửi lại thư xác minh (verify your email address first)',
    'EMAIL_NOT_VERIFIED',
  );
}

type AuthedRequest = FastifyRequest & { principal?: Principal };

/**
 * Verifies the bearer token, then re-reads the user so that disabling an account or changing a
 * role takes effect immediately rather than when the access token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_KEY, [context.getHandler(), context.getClass()]);
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      if (optional) return true;
      throw new UnauthorizedError();
    }
    const claims = await this.tokens.verifyAccess(header.slice(7).trim());
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: claims.sub });
    if (!user || user.status !== 'active') {
      throw new UnauthorizedError('Tài khoản không còn hoạt động (account disabled)', 'ACCOUNT_DISABLED');
    }
    request.principal = toPrincipal(user);
    requestContext.identify(request.principal);
    // Issue 18 §6: a self-registered account reads and signs in, but writes only once its email is verified.
    const allowUnverified = this.reflector.getAllAndOverride<boolean>(UNVERIFIED_KEY, [context.getHandler(), context.getClass()]);
    if (!user.emailVerifiedAt && !READ_METHODS.has(request.method) && !allowUnverified) throw emailNotVerifiedError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles?.length && !roles.includes(user.role)) throw new ForbiddenError();
    return true;
  }
}

/** Requires a signed-in user; with roles, one of those roles. */
export function Auth(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorEnvelopeDto }),
    ApiForbiddenResponse({ type: ErrorEnvelopeDto }),
  );
}

/** A write an unverified account may still make (sign out, ask for a new verification mail). */
export function AllowUnverified() {
  return SetMetadata(UNVERIFIED_KEY, true);
}

/** Reads the user when a token is present, lets anonymous callers through otherwise. */
export function OptionalAuth() {
  return applyDecorators(SetMetadata(OPTIONAL_KEY, true), UseGuards(AuthGuard), ApiBearerAuth());
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().principal;
});
