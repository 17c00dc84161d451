import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, requestContext, type ResolvedConfig, isSecureSite } from '@tradefloor/core';
import {
  AuthService,
  TokenService,
  UsersService,
  VERIFY_PAGE_PATH,
  emailNotVerifiedError,
  toPrincipal,
  type Principal,
  type TokenPair,
} from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearCookie, readCookie, setCookie } from './cookies';
import { configureCsrf, issueCsrfCookie, subjectOf } from './csrf';

/** Form posts an account whose email is not verified yet may still make. */
const UNVERIFIED_POSTS = new Set(['/dang-xuat', `${VERIFY_PAGE_PATH}/gui-lai`]);

const ACCESS_COOKIE = 'tf_at';
const REFRESH_COOKIE = 'tf_rt';

/**
 * Browser sessions for the server-rendered pages: the same short-lived access token and rotating
 * refresh token as the API, kept in HttpOnly cookies. An expired access token is renewed from the
 * refresh cookie on the next page view, so people stay signed in without handling tokens.
 */
/**
 * Whether the browser holds a session (it may have expired): enough to offer the back office link
 * instead of "sign in" in the header, without verifying a token on every public page.
 */
export function hasSessionCookie(req: FastifyRequest): boolean {
  return Boolean(readCookie(req, REFRESH_COOKIE) ?? readCookie(req, ACCESS_COOKIE));
}

@Injectable()
export class WebSession {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    configureCsrf(config.jwtSecret);
  }

  private get secure(): boolean {
    return isSecureSite(this.config);
  }

  start(reply: FastifyReply, pair: TokenPair): void {
    setCookie(reply, ACCESS_COOKIE, pair.accessToken, { maxAgeSeconds: pair.expiresIn, secure: this.secure });
    setCookie(reply, REFRESH_COOKIE, pair.refreshToken, {
      maxAgeSeconds: this.config.refreshTokenTtlSeconds,
      sameSite: 'Strict',
      secure: this.secure,
    });
  }

  /** After signing in: a CSRF token bound to the new user (the one on the sign-in form was nobody's). */
  signedIn(reply: FastifyReply, pair: TokenPair): void {
    this.start(reply, pair);
    issueCsrfCookie(reply, subjectOf(pair.accessToken) ?? '', this.secure);
  }

  /** Forgets the session cookies only (the account is already closed and its tokens gone). */
  forget(reply: FastifyReply): void {
    clearCookie(reply, ACCESS_COOKIE, this.secure);
    clearCookie(reply, REFRESH_COOKIE, this.secure);
  }

  async end(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = await this.principal(req, reply);
    const refresh = readCookie(req, REFRESH_COOKIE);
    if (principal) await this.auth.logout(principal.id, refresh);
    clearCookie(reply, ACCESS_COOKIE, this.secure);
    clearCookie(reply, REFRESH_COOKIE, this.secure);
  }

  /** The signed-in user, renewing the session when only the refresh cookie is still valid. */
  async principal(req: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> {
    const cached = (req as FastifyRequest & { webPrincipal?: Principal | null }).webPrincipal;
    if (cached !== undefined) return cached ?? undefined;
    const resolved = await this.resolve(req, reply);
    (req as FastifyRequest & { webPrincipal?: Principal | null }).webPrincipal = resolved ?? null;
    if (resolved) requestContext.identify(resolved);
    // Issue 18 §6, the same rule as the API's AuthGuard: an unverified account's form posts are
    // refused (the error filter renders the 403 page), except signing out and "send the mail again".
    if (resolved && !resolved.emailVerified && req.method === 'POST' && !UNVERIFIED_POSTS.has(req.url.split('?')[0] ?? '')) {
      throw emailNotVerifiedError();
    }
    return resolved;
  }

  private async resolve(req: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> {
    const access = readCookie(req, ACCESS_COOKIE);
    if (access) {
      try {
        const claims = await this.tokens.verifyAccess(access);
        return await this.activeUser(claims.sub);
      } catch {
        /* expired or invalid: try the refresh cookie */
      }
    }
    const refresh = readCookie(req, REFRESH_COOKIE);
    if (!refresh) return undefined;
    try {
      const pair = await this.auth.refresh(refresh);
      this.start(reply, pair);
      const claims = await this.tokens.verifyAccess(pair.accessToken);
      return await this.activeUser(claims.sub);
    } catch {
      clearCookie(reply, REFRESH_COOKIE, this.secure);
      return undefined;
    }
  }

  private async activeUser(id: string): Promise<Principal | undefined> {
    const user = await this.users.get(id);
    if (!user || user.status !== 'active') return undefined;
    return toPrincipal(user);
  }
}
