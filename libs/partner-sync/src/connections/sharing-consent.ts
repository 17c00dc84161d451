import { Injectable } from '@nestjs/common';
import { ConflictError } from '@tradefloor/core';

/** How a consent was given: a web form or the JSON API. */
export type ConsentVia = 'web' | 'api';

/** What partner-sync needs of the consent ledger (libs/privacy registers it; the dependency points that way). */
export interface SharingConsentPort {
  isGranted(userId: string, channel: string): Promise<boolean>;
  grant(userId: string, channel: string, via: ConsentVia): Promise<void>;
}

/**
 * Sending a seller's data to a partner marketplace (abroad, for channels whose `dataCountry` is not VN) needs the
 * explicit consent of the person connecting it (PDP Law 91/2025): either already in the ledger, or
 * given with the connect request (`shareConsent: true`, recorded there). Without a registered
 * ledger nothing is shared.
 */
@Injectable()
export class SharingConsentGate {
  private port?: SharingConsentPort;

  use(port: SharingConsentPort): void {
    this.port = port;
  }

  async require(userId: string, channel: string, given: boolean | undefined, via: ConsentVia): Promise<void> {
    if (this.port && given === true) return this.port.grant(userId, channel, via);
    if (this.port && (await this.port.isGranted(userId, channel))) return;
    throw new ConflictError(
      'Cần bạn đồng ý chia sẻ dữ liệu sản phẩm với kênh này trước khi kết nối (consent to share product data with this partner is required)',
      'PARTNER_CONSENT_REQUIRED',
      [{ field: 'shareConsent', message: 'Hãy đánh dấu ô đồng ý chia sẻ dữ liệu (tick the consent box)' }],
    );
  }
}
