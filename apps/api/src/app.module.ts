import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { CoreModule, type AppConfig, type CoreModuleOptions } from '@tradefloor/core';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { IdentityModule } from '@tradefloor/identity';
import { InquiriesModule } from '@tradefloor/inquiries';
import { identitySettings, TrustSafetyModule } from '@tradefloor/trust-safety';
import { FederationModule, federationConfig } from '@tradefloor/federation';
import { LegalModule, legalSettings } from '@tradefloor/legal';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { OrdersModule } from '@tradefloor/orders';
import { PrivacyModule } from '@tradefloor/privacy';
import { PartnerSyncModule, validateChannelConfig } from '@tradefloor/partner-sync';
import { PaymentsModule } from '@tradefloor/payments';
import { SearchModule } from '@tradefloor/search';
import { ReviewsModule } from '@tradefloor/reviews';
import { ShippingModule, shippingSettings } from '@tradefloor/shipping';
import { TraceabilityModule } from '@tradefloor/traceability';
import { WebModule } from './web/web.module';

/** The bounded contexts that make up TradeFloor; api and worker processes load the same set. */
const DOMAIN_MODULES = [
  IdentityModule,
  EnterpriseProfileModule,
  CatalogModule,
  SearchModule,
  NewsBulletinModule,
  PartnerSyncModule,
  TraceabilityModule,
  InquiriesModule,
  TrustSafetyModule,
  FederationModule,
  LegalModule,
  PrivacyModule,
  OrdersModule,
  PaymentsModule,
  ShippingModule,
  ReviewsModule,
];

/**
 * Variables the contexts declare themselves (each marketplace channel its own), validated right
 * after the core configuration so that a bad value stops the process the same way (exit 78).
 */
export function validateDomainConfig(config: AppConfig): void {
  validateChannelConfig(config);
  federationConfig(config);
  identitySettings(config.env);
  legalSettings(config.env);
  shippingSettings(config.env);
}

@Module({})
export class AppModule {
  /** `extraModules`: test-only modules (e.g. a module registering test job queues). */
  static register(options: CoreModuleOptions, extraModules: Array<Type | DynamicModule> = []): DynamicModule {
    return { module: AppModule, imports: [CoreModule.forRoot(options), ...DOMAIN_MODULES, WebModule, ...extraModules] };
  }
}
