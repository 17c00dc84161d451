import { createHmac, randomBytes } from 'node:crypto';
import type { SimFaults } from './faults';
import { send, withFaults, type Reply, type SimRequest } from './http-util';

export interface EidSimOptions {
  apiKey: string;
  webhookSecret: string;
  /** Session lifetime before the service calls it expired. */
  sessionTtlSeconds: number;
}

/** The person the next sessions prove (what the citizen's chip/app would return). */
export interface EidPerson {
  documentKind: 'cccd' | 'passport' | 'foreign_passport';
  documentNumber: string;
  expiresOn: string | null;
  fullName: string;
}

interface Session {
  id: string;
  reference: string;
  returnUrl: string;
  callbackUrl: string;
  status: 'pending' | 'verified' | 'failed' | 'expired';
  failureReason?: string;
  person: EidPerson;
  createdAt: number;
  notifications: number;
}

const PREFIX = '/eid/v1/';

/**
 * An electronic identity service as TradeFloor's slot expects one (libs/trust-safety/README.md,
 * "Electronic identity contract"): sessions opened with an API key, a consent page the seller is
 * redirected to, a signed notification when a session settles (`x-eid-signature: t=…,v1=hex`
 * HMAC-SHA256 over `<t>.<body>`), and the status to re-fetch. Faults: the shared rates and latency
 * on API calls, and `eidNotify` for the notification (`none`, `bad-signature`, `lying` — a
 * notification that claims `verified` for a session that is not).
 */
export class EidSim {
  readonly sessions = new Map<string, Session>();
  readonly injected = { throttle: 0, transient: 0, malformed: 0, drop: 0 };
  readonly delivered: Array<{ id: string; status: number }> = [];
  person: EidPerson = { documentKind: 'cccd', documentNumber: '084095001234', expiresOn: '2040-05-01', fullName: 'Nguyễn Văn An' };

  constructor(
    readonly opts: EidSimOptions,
    private readonly faults: () => SimFaults,
    private readonly baseUrl: () => string,
  ) {}

  async handle(r: SimRequest): Promise<boolean> {
    if (!r.path.startsWith(PREFIX)) return false;
    const consent = /^\/eid\/v1\/consent\/([\w-]+)$/.exec(r.path);
    if (consent && r.method === 'GET') {
      await this.consentPage(r, consent[1]);
      return true;
    }
    if (r.req.headers.authorization !== `Bearer ${this.opts.apiKey}`) {
      send(r.res, 401, { error: { code: 'unauthorized', message: 'invalid api key' } });
      return true;
    }
    const answers = {
      throttle: { status: 429, body: { error: { code: 'rate_limited', message: 'slow down' } } },
      transient: { status: 503, body: { error: { code: 'unavailable', message: 'try again' } } },
    };
    if (r.method === 'POST' && r.path === `${PREFIX}verifications`) {
      await withFaults(r, this.faults(), this.injected, answers, () => this.create(r));
      return true;
    }
    const one = /^\/eid\/v1\/verifications\/([\w-]+)$/.exec(r.path);
    if (one && r.method === 'GET') {
      await withFaults(r, this.faults(), this.injected, answers, () => this.status(one[1]));
      return true;
    }
    send(r.res, 404, { error: { code: 'not_found', message: 'unknown endpoint' } });
    return true;
  }

  private create(r: SimRequest): Reply {
    const b = r.json<Record<string, unknown>>() ?? {};
    const valid = (u: unknown) => typeof u === 'string' && /^https?:\/\//.test(u);
    if (typeof b.reference !== 'string' || !valid(b.returnUrl) || !valid(b.callbackUrl))
      return { status: 400, body: { error: { code: 'invalid_request', message: 'reference, returnUrl and callbackUrl are required' } } };
    const id = `eid_${randomBytes(8).toString('hex')}`;
    this.sessions.set(id, {
      id,
      reference: b.reference,
      returnUrl: b.returnUrl as string,
      callbackUrl: b.callbackUrl as string,
      status: 'pending',
      person: { ...this.person },
      createdAt: Date.now(),
      notifications: 0,
    });
    return {
      status: 201,
      body: {
        id,
        status: 'pending',
        redirectUrl: `${this.baseUrl()}${PREFIX}consent/${id}`,
        expiresAt: new Date(Date.now() + this.opts.sessionTtlSeconds * 1000).toISOString(),
      },
    };
  }

  private status(id: string): Reply {
    const s = this.sessions.get(id);
    if (!s) return { status: 404, body: { error: { code: 'not_found', message: 'unknown verification' } } };
    if (s.status === 'pending' && Date.now() - s.createdAt > this.opts.sessionTtlSeconds * 1000) s.status = 'expired';
    return {
      status: 200,
      body: {
        id: s.id,
        reference: s.reference,
        status: s.status,
        ...(s.failureReason ? { failureReason: s.failureReason } : {}),
        ...(s.status === 'verified' ? { subject: s.person } : {}),
      },
    };
  }

  /** The citizen's side: without `outcome`, a page offering both answers; with it, the session settles and the browser goes back. */
  private async consentPage(r: SimRequest, id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return send(r.res, 404, 'unknown verification');
    const outcome = r.query.get('outcome');
    if (outcome !== 'verified' && outcome !== 'failed') {
      r.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      r.res.end(
        `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Định danh điện tử (mô phỏng)</title></head><body><main>` +
          `<h1>Định danh điện tử (mô phỏng)</h1><p>Xác nhận chia sẻ thông tin định danh với sàn?</p>` +
          `<p><a id="eid-approve" href="${PREFIX}consent/${id}?outcome=verified">Đồng ý (approve)</a></p>` +
          `<p><a id="eid-deny" href="${PREFIX}consent/${id}?outcome=failed">Từ chối (deny)</a></p></main></body></html>`,
      );
      return;
    }
    await this.complete(id, outcome);
    r.res.writeHead(302, { location: s.returnUrl });
    r.res.end();
  }

  /** Settles a session and sends the notification (subject to `eidNotify`). */
  async complete(id: string, outcome: 'verified' | 'failed', reason = 'citizen declined'): Promise<{ notified: number | null }> {
    const s = this.sessions.get(id);
    if (!s) throw new Error(`unknown session ${id}`);
    if (s.status === 'pending') {
      s.status = outcome;
      if (outcome === 'failed') s.failureReason = reason;
    }
    return { notified: await this.notify(s, this.faults().eidNotify) };
  }

  /** Sends a notification for a session as the service would; `lying` claims verified whatever the session says. */
  async notify(s: Session, mode: SimFaults['eidNotify']): Promise<number | null> {
    if (mode === 'none') return null;
    const body = JSON.stringify({ id: s.id, event: 'verification.updated', status: mode === 'lying' ? 'verified' : s.status, at: new Date().toISOString() });
    const t = Math.floor(Date.now() / 1000);
    const secret = mode === 'bad-signature' ? `${this.opts.webhookSecret}-wrong` : this.opts.webhookSecret;
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    s.notifications++;
    try {
      const res = await fetch(s.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-eid-signature': `t=${t},v1=${v1}` }, body });
      this.delivered.push({ id: s.id, status: res.status });
      return res.status;
    } catch {
      this.delivered.push({ id: s.id, status: 0 });
      return 0;
    }
  }

  /** For admin endpoints: a session by id. */
  session(id: string): Session | undefined {
    return this.sessions.get(id);
  }
}
