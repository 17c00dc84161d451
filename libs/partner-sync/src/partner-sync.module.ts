import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { APP_CONFIG, SecretBox, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { ChannelRegistry } from './channels/channel-registry.service';
import { FeedController } from './channels/feed/feed.controller';
import { FeedService } from './channels/feed/feed.service';
import { AuthorizationFlow } from './connections/authorization-flow';
import { ChannelReturnController } from './connections/channel-return.controller';
import { ChannelsController } from './connections/channels.controller';
import { ConnectionWriter } from './connections/connection-writer';
import { ConnectionsService } from './connections/connections.service';
import { RawBodyCapture } from './connections/raw-body';
import { ConnectionStore } from './engine/connection-store';
import { SyncErrorPolicy } from './engine/error-policy';
import { ListingLease } from './engine/listing-lease';
import { ListingScheduler } from './engine/listing-scheduler';
import { ListingStore } from './engine/listing-store';
import { ListingSyncHandler } from './engine/listing-sync.handler';
import { PushSteps } from './engine/push-steps';
import { Reconciler } from './engine/reconciler';
import { SyncContextFactory } from './engine/sync-context';
import { SyncJobs } from './engine/sync-jobs';
import { TokenBucket } from './engine/token-bucket';
import { ListingsController } from './listings/listings.controller';
import { ListingsService } from './listings/listings.service';
import { SharingConsentGate } from './connections/sharing-consent';

/** Pushing listings to marketplaces (the channels in channels/registry.ts) and the product feed. */
@Module({
  imports: [EnterpriseProfileModule, CatalogModule],
  controllers: [ChannelsController, ChannelReturnController, ListingsController, FeedController],
  providers: [
    SharingConsentGate,
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: ResolvedConfig) => new SecretBox(config.encryptionKey) },
    ChannelRegistry,
    ConnectionStore,
    TokenBucket,
    SyncContextFactory,
    ListingScheduler,
    ListingStore,
    ListingLease,
    PushSteps,
    SyncErrorPolicy,
    ListingSyncHandler,
    Reconciler,
    SyncJobs,
    ConnectionWriter,
    AuthorizationFlow,
    ConnectionsService,
    ListingsService,
    FeedService,
    RawBodyCapture,
  ],
  exports: [ListingsService, ConnectionsService, SharingConsentGate],
})
export class PartnerSyncModule {}
