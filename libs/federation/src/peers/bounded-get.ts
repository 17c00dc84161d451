import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './outbound-guard';

export class PeerFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerFetchError';
  }
}

export interface BoundedGetOptions {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
  headers?: Record<string, string>;
}

export interface BoundedResponse {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** DNS resolution that refuses private addresses at connection time, so a name re-pointed after registration (DNS rebinding) gets nowhere. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const blocked = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(new PeerFetchError(`địa chỉ nội bộ bị chặn (blocked private address ${blocked.address})`), '', 0);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * One GET to a peer, bounded: the whole exchange (connect, headers, body) within `timeoutMs`, the
 * body cut off past `maxBytes` (counted as it streams, whatever Content-Length says), no redirects
 * (a 3xx is an error: following one could lead anywhere), private addresses refused.
 */
export function boundedGet(rawUrl: string, opts: BoundedGetOptions): Promise<BoundedResponse> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!opts.allowPrivate && isIP(host) && isPrivateAddress(host))
    return Promise.reject(new PeerFetchError(`địa chỉ nội bộ bị chặn (blocked private address ${host})`));
  const get = (url.protocol === 'https:' ? https.get : url.protocol === 'http:' ? http.get : undefined) as typeof http.get | undefined;
  if (!get) return Promise.reject(new PeerFetchError('chỉ http(s) (http(s) only)'));
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(err instanceof PeerFetchError ? err : new PeerFetchError(err.message));
    };
    const req = get(
      url,
      { headers: { accept: 'application/ld+json, application/json', ...opts.headers }, lookup: guardedLookup(opts.allowPrivate), agent: false },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && status !== 304)
          return fail(new PeerFetchError(`HTTP ${status}: chuyển hướng không được theo (redirects are not followed)`));
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > opts.maxBytes) return fail(new PeerFetchError(`trang quá lớn (page larger than ${opts.maxBytes} bytes)`));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) return fail(new PeerFetchError(`trang quá lớn (page larger than ${opts.maxBytes} bytes)`));
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    const timer = setTimeout(() => fail(new PeerFetchError(`quá thời gian (timed out after ${opts.timeoutMs} ms)`)), opts.timeoutMs);
    req.on('error', fail);
  });
}
