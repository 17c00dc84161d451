import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, RateLimiter, TooManyRequestsError, type AppConfig } from '@tradefloor/core';
import { ProductViews, type ProductView } from '@tradefloor/catalog';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import { stampUrl } from '../codes/digital-link';
import { toGtin14 } from '../codes/gtin';
import { parseSerial } from '../codes/serial-code';
import type { TraceEventEntity } from '../events/trace-event.entity';
import { TraceEvents } from '../events/trace-events.service';
import { BIZ_STEP_LABELS_VI } from '../events/vocabulary';
import { ScanFingerprints, type ScanRequestInfo } from './scan-fingerprint';
import { ScanStore, type StampForScan } from './scan-store';
import { VERDICT_MESSAGES, verdictOf, type IssuerStanding, type Verdict } from './verdict';
import type { VerificationDto } from './verification.dto';

export interface ScanRequest extends ScanRequestInfo {
  channel: 'html' | 'api';
  /** False for requests that must not count (HEAD). */
  count: boolean;
}

/** The GTIN and lot a Digital Link path claims for its serial. */
export interface DigitalLinkClaim {
  gtin: string;
  lot: string;
}

/**
 * Public stamp verification. Order matters: rate limit, then the check symbol (a typo or a forged
 * serial stops here, with no database lookup), then the one stamp lookup, then the scan is counted.
 *
 * "genuine" also needs the floor to still vouch for the issuer (verdict.ts, standingVerdict): the
 * enterprise verified and not suspended, the product past moderation and not withdrawn, the lot's
 * GTIN confirmed as the enterprise's. These are read at every scan, so suspending a seller flips
 * its stamps at once and reinstating flips them back.
 *
 * A stamp issued but not yet activated verifies as `genuine` (with `activated: false` and a note on
 * the page): cooperatives often skip activation, and refusing those stamps would brand real goods
 * as fakes. Activation remains useful to tell which printed rolls were actually applied.
 */
@Injectable()
export class StampVerifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly fingerprints: ScanFingerprints,
    private readonly store: ScanStore,
    private readonly products: ProductViews,
    private readonly reference: ReferenceData,
    private readonly events: TraceEvents,
    private readonly clock: Clock,
  ) {}

  async verify(rawSerial: string, request: ScanRequest, claim?: DigitalLinkClaim): Promise<VerificationDto> {
    const now = this.clock.now();
    const fp = this.fingerprints.of(request, now);
    const limit = await this.limiter.hit(`stamp-scan:${fp.clientHash}`, this.config.stampScanRatePerMinute, 60);
    if (!limit.allowed) throw new TooManyRequestsError(limit.retryAfterSeconds);

    const serial = parseSerial(rawSerial);
    if (!serial) return this.unknown(null);
    const claimedGtin = claim ? toGtin14(claim.gtin) : null;
    if (claim && !claimedGtin) return this.unknown(serial);

    const stamp = await this.store.findStamp(serial, fp);
    // Through a Digital Link the serial must belong to the GTIN and lot printed next to it:
    // a genuine serial copied onto another product's code is a fake.
    const mismatch = stamp && claim && (stamp.gtin14 !== claimedGtin || stamp.lotCode !== claim.lot);
    if (!stamp || mismatch) {
      if (request.count) {
        const claimedBatch = claim && claimedGtin ? await this.store.batchIdByGtinLot(claimedGtin, claim.lot) : null;
        await this.store.recordUnknownScan(serial, claimedBatch, fp, request.channel, now);
      }
      return this.unknown(serial);
    }

    // The batch's story does not depend on the scan: read it while the scan is counted.
    const story = Promise.all([
      this.events.forBatch(stamp.batchId),
      stamp.originCommuneCode ? this.reference.commune(stamp.originCommuneCode) : Promise.resolve(null),
    ]);
    story.catch(() => undefined);
    const product = await this.products.get(stamp.productId);
    const standing: IssuerStanding = {
      enterpriseStatus: product?.enterpriseStatus ?? null,
      productStatus: product?.status ?? null,
      productPublishedAt: product?.publishedAt ?? null,
      gtinConfirmed: stamp.gtin14 ? stamp.gtinConfirmed : null,
    };
    const thresholds = { warnScans: this.config.stampWarnScans, warnPlaces: this.config.stampWarnPlaces };
    // A reload within the same visit does not count again (checked once more under the lock when it might).
    const scan =
      request.count && !stamp.seenThisVisit
        ? await this.store.recordStampScan(stamp, fp, request.channel, now, thresholds, standing)
        : { ...stamp, verdict: verdictOf(stamp.state, stamp, thresholds, standing) };
    const [events, commune] = await story;
    return this.describe(stamp, product, scan.verdict, scan, events, commune?.name ?? null);
  }

  private unknown(serial: string | null): VerificationDto {
    return {
      serial,
      verdict: 'unknown',
      message: VERDICT_MESSAGES.unknown,
      stampState: null,
      activated: false,
      scanCount: 0,
      distinctPlaces: 0,
      firstScannedAt: null,
      url: null,
      product: null,
      enterprise: null,
      batch: null,
      events: [],
    };
  }

  private describe(
    stamp: StampForScan,
    product: ProductView | undefined,
    verdict: Verdict,
    scan: { scanCount: number; distinctPlaces: number; firstScannedAt: Date | null },
    events: TraceEventEntity[],
    originCommuneName: string | null,
  ): VerificationDto {
    return {
      serial: stamp.serial,
      verdict,
      message: VERDICT_MESSAGES[verdict],
      stampState: stamp.state,
      activated: stamp.state === 'activated' || (stamp.state === 'revoked' && stamp.activatedAt !== null),
      scanCount: scan.scanCount,
      distinctPlaces: scan.distinctPlaces,
      firstScannedAt: scan.firstScannedAt,
      url: stampUrl(this.config.publicBaseUrl, stamp.serial, stamp.gtin14, stamp.lotCode),
      product: product
        ? {
            id: product.id,
            name: product.name,
            slug: product.slug,
            gtin: product.gtin,
            ocopStars: product.ocopStars,
            ocopPotentialFiveStar: product.ocopPotentialFiveStar,
            ocopValidUntil: product.ocopValidUntil,
            certifications: product.certifications,
            thumbnailUrl: product.thumbnailUrl,
            listed: product.visible,
          }
        : null,
      enterprise: product ? { id: product.enterpriseId, name: product.enterpriseName, slug: product.enterpriseSlug } : null,
      batch: {
        lotCode: stamp.lotCode,
        producedAt: stamp.producedAt,
        expiresAt: stamp.expiresAt,
        originCommuneCode: stamp.originCommuneCode,
        originCommuneName,
        certifications: stamp.certifications,
      },
      events: events.map((e) => ({
        type: e.type,
        bizStep: e.bizStep,
        bizStepLabel: BIZ_STEP_LABELS_VI[e.bizStep] ?? e.bizStep,
        eventTime: e.eventTime,
        place: e.place,
        actor: e.actor,
        note: e.note,
        photoUrl: e.photoUrl,
      })),
    };
  }
}
