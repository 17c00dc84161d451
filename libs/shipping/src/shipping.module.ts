import { Module } from '@nestjs/common';
import { APP_CONFIG, SecretBox, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { CarrierAccountsController } from './accounts/carrier-accounts.controller';
import { CarrierAccounts } from './accounts/carrier-accounts.service';
import { Carriers, SHIPPING_SETTINGS } from './carriers/carriers';
import { LegacyAddresses } from './carriers/legacy-address';
import { ShipmentJobs } from './shipments/shipment-jobs';
import { ShipmentStore } from './shipments/shipment-store';
import { ShipmentsController } from './shipments/shipments.controller';
import { Shipping } from './shipments/shipping.service';
import { ShipmentsRetention } from './shipments/shipments-retention';
import { shippingSettings } from './shipping-config';
import { CarrierWebhooksController } from './webhooks/carrier-webhooks.controller';
import { CarrierWebhooks } from './webhooks/carrier-webhooks';
import { ShipmentWebhooksRetention } from './webhooks/webhooks-retention';

/** Shipping: carrier accounts, quotes, shipments with GHN/GHTK or delivered by the seller, carrier webhooks. */
@Module({
  imports: [EnterpriseProfileModule],
  controllers: [CarrierAccountsController, ShipmentsController, CarrierWebhooksController],
  providers: [
    { provide: SHIPPING_SETTINGS, inject: [APP_CONFIG], useFactory: (config: ResolvedConfig) => shippingSettings(config.env, config.encryptionKey) },
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: ResolvedConfig) => new SecretBox(config.encryptionKey) },
    Carriers,
    LegacyAddresses,
    CarrierAccounts,
    ShipmentStore,
    Shipping,
    ShipmentJobs,
    CarrierWebhooks,
    ShipmentWebhooksRetention,
    ShipmentsRetention,
  ],
  exports: [Shipping],
})
export class ShippingModule {}
