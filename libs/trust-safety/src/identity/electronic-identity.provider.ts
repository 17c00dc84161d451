import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { identitySettings, type IdentitySettings } from './identity-config';
import { IdentityProofProvider, type ProofOutcome, type ProofSession, type ProofStart } from './identity-provider';
import { DOCUMENT_KINDS, type DocumentKind } from './identity.dto';

/** A notification older or newer than this is refused (replay window). */
const SIGNATURE_TOLERANCE_SECONDS = 300;
const TIMEOUT_MS = 10_000;

/** The service could not be reached or answered nonsense: try again later. */
export class IdentityServiceUnavailableError extends DomainError {
  constructor(detail: string) {
    super('IDENTITY_SERVICE_UNAVAILABLE', `Dịch vụ định danh điện tử tạm thời không trả lời, vui lòng thử lại (identity service unavailable: ${detail})`, 503);
  }
}

/**
 * HMAC-SHA256 signature of a notification, header `x-eid-signature: t=<unix seconds>,v1=<hex>`
 * over `<t>.<raw body>` with the webhook secret. Shared with the simulator through this function.
 */
export function eidSignature(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody))
    .digest('hex');
}

/**
 * The slot for an electronic identity service (contract in libs/trust-safety/README.md,
 * "Electronic identity contract"): `POST /v1/verifications` opens a session the seller is sent
 * to, `GET /v1/verifications/:id` says where it stands, and a signed notification says that it
 * moved. The notification is a hint only: the outcome is always re-fetched.
 */
@Injectable()
export class ElectronicIdentityProvider extends IdentityProofProvider {
  readonly method = 'electronic' as const;
  private readonly settings: IdentitySettings['eid'];

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    super();
    this.settings = identitySettings(config.env).eid;
  }

  get available(): boolean {
    return this.settings !== null;
  }

  async start(input: ProofStart): Promise<ProofSession> {
    const body = await this.call('POST', '/v1/verifications', { reference: input.requestId, returnUrl: input.returnUrl, callbackUrl: input.callbackUrl });
    if (typeof body.id !== 'string' || typeof body.redirectUrl !== 'string') throw new IdentityServiceUnavailableError('malformed answer');
    return { externalRef: body.id, redirectUrl: body.redirectUrl };
  }

  async outcome(externalRef: string): Promise<ProofOutcome> {
    const body = await this.call('GET', `/v1/verifications/${encodeURIComponent(externalRef)}`);
    if (body.status === 'pending') return { status: 'pending' };
    if (body.status === 'failed' || body.status === 'expired')
      return { status: 'failed', reason: typeof body.failureReason === 'string' ? body.failureReason.slice(0, 500) : String(body.status) };
    const s = body.subject as Record<string, unknown> | undefined;
    if (
      body.status === 'verified' &&
      s &&
      DOCUMENT_KINDS.includes(s.documentKind as DocumentKind) &&
      typeof s.documentNumber === 'string' &&
      typeof s.fullName === 'string' &&
      (s.expiresOn === null || (typeof s.expiresOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.expiresOn)))
    ) {
      return {
        status: 'verified',
        document: { kind: s.documentKind as DocumentKind, number: s.documentNumber, expiresOn: s.expiresOn as string | null, holderName: s.fullName },
      };
    }
    throw new IdentityServiceUnavailableError('malformed status');
  }

  readNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): string | null {
    if (!this.settings) return null;
    const header = headers['x-eid-signature'];
    const parts = Object.fromEntries(
      String(Array.isArray(header) ? header[0] : (header ?? ''))
        .split(',')
        .map((p) => p.trim().split('=') as [string, string]),
    );
    const t = Number(parts.t);
    if (!Number.isInteger(t) || typeof parts.v1 !== 'string' || !/^[0-9a-f]{64}$/.test(parts.v1)) return null;
    // Wall-clock time: the signature's freshness is about the network, not business time.
    if (Math.abs(Date.now() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return null;
    const expected = Buffer.from(eidSignature(this.settings.webhookSecret, t, rawBody), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'))) return null;
    try {
      const body = JSON.parse(rawBody.toString('utf8')) as { id?: unknown };
      return typeof body.id === 'string' && body.id.length <= 100 ? body.id : null;
    } catch {
      return null;
    }
  }

  private async call(method: 'GET' | 'POST', path: string, body?: object): Promise<Record<string, unknown>> {
    if (!this.settings) throw new IdentityServiceUnavailableError('not configured');
    let res: Response;
    try {
      res = await fetch(`${this.settings.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.settings.apiKey}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new IdentityServiceUnavailableError((err as Error).name);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new IdentityServiceUnavailableError(`HTTP ${res.status}`);
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new IdentityServiceUnavailableError('malformed answer');
  }
}
