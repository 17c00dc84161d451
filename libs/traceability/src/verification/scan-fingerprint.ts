import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig, derivedKey } from '@tradefloor/core';
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';

export interface ScanRequestInfo {
  ip: string;
  userAgent?: string;
  /** Coarse region named by the reverse proxy/CDN (header x-client-region); used only with TRUST_PROXY. */
  region?: string;
}

/** One visit may reload the page or open it from app and browser: repeated reads within this window count once. */
export const SAME_VISIT_MS = 10 * 60_000;

export interface ScanFingerprint {
  /** HMAC of the IP under a key that changes every day: same client today, unlinkable across days. */
  clientHash: string;
  /**
   * The hashes this client's reads within the last SAME_VISIT_MS were stored under: today's, and
   * yesterday's as well in the first minutes after midnight, so that a visit spanning midnight
   * (when the key changes) still counts once.
   */
  visitClientHashes: string[];
  /** Reads after this instant (SAME_VISIT_MS before the scan) belong to the same visit. */
  visitSince: Date;
  /** Coarse place: the proxy's region name, else an HMAC of the /16 (IPv4) or /48 (IPv6) network. */
  place: string | null;
  uaHash: string | null;
}

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 32);
}

/** Network prefix coarse enough to be a "place" and not a person: /16 for IPv4, /48 for IPv6. */
export function networkPrefix(ip: string): string | null {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.0.0/16`;
  if (isIP(ip) !== 6) return null;
  const [head] = ip.toLowerCase().split('::');
  const groups = head.split(':').filter(Boolean);
  while (groups.length < 3) groups.push('0');
  return `${groups
    .slice(0, 3)
    .map((g) => g.padStart(4, '0'))
    .join(':')}::/48`;
}

/**
 * Derives what a scan keeps about its client. Raw IP addresses never leave this class: keys are
 * derived from the installation's ENCRYPTION_KEY (HKDF), so hashes cannot be recomputed elsewhere.
 */
@Injectable()
export class ScanFingerprints {
  private readonly baseKey: Buffer;
  private readonly dayKeys = new Map<string, Buffer>();

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {
    this.baseKey = derivedKey(config.encryptionKey, 'tradefloor/traceability/scans');
  }

  of(info: ScanRequestInfo, now: Date): ScanFingerprint {
    const clientHash = hmac(this.dayKey(now), info.ip);
    const visitSince = new Date(now.getTime() - SAME_VISIT_MS);
    const visitClientHashes = dayOf(visitSince) === dayOf(now) ? [clientHash] : [clientHash, hmac(this.dayKey(visitSince), info.ip)];
    const region = this.config.trustProxy ? info.region?.normalize('NFC').trim() : undefined;
    const prefix = networkPrefix(info.ip);
    const place = region && /^[\p{L}\p{N} .,'()_-]{1,64}$/u.test(region) ? `region:${region}` : prefix ? `net:${hmac(this.baseKey, `net:${prefix}`)}` : null;
    return {
      clientHash,
      visitClientHashes,
      visitSince,
      place,
      uaHash: info.userAgent ? hmac(this.baseKey, `ua:${info.userAgent.slice(0, 512)}`) : null,
    };
  }

  private dayKey(at: Date): Buffer {
    const day = dayOf(at);
    let key = this.dayKeys.get(day);
    if (!key) {
      if (this.dayKeys.size > 4) this.dayKeys.clear();
      key = createHmac('sha256', this.baseKey).update(`client:${day}`).digest();
      this.dayKeys.set(day, key);
    }
    return key;
  }
}
