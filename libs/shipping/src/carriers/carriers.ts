import { Inject, Injectable } from '@nestjs/common';
import type { CarrierPort } from './carrier.port';
import { GhnCarrier } from './ghn.carrier';
import { GhtkCarrier } from './ghtk.carrier';
import type { ShippingSettings } from '../shipping-config';

export const SHIPPING_SETTINGS = Symbol('SHIPPING_SETTINGS');

/** The external carriers' adapters (one instance each per process: GHN caches its master data). */
@Injectable()
export class Carriers {
  private readonly ports: Record<'ghn' | 'ghtk', CarrierPort>;

  constructor(@Inject(SHIPPING_SETTINGS) settings: ShippingSettings) {
    this.ports = {
      ghn: new GhnCarrier(settings.ghnBaseUrl, settings.httpTimeoutMs),
      ghtk: new GhtkCarrier(settings.ghtkBaseUrl, settings.httpTimeoutMs),
    };
  }

  port(carrier: 'ghn' | 'ghtk'): CarrierPort {
    return this.ports[carrier];
  }
}
