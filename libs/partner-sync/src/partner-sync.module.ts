import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { APP_CONFIG, SecretBox, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { FeedController } from './channels/feed/feed.controller';
import { FeedService } from './channels/feed/feed.service';
import { ChannelsController } from './connections/channels.controller';
import { ConnectionsService } from './connections/connections.service';
import { RawBodyCapture } from './connections/raw-body';
import { ShopeeController } from './connections/shopee.controller';
import { ConnectionStore } from './engine/connection-store';
import { ListingScheduler } from './engine/listing-scheduler';
import { ListingSyncHandler } from './engine/listing-sync.handler';
import { Reconciler } from './engine/reconciler';
import { SyncContextFactory } from './engine/sync-context';
import { SyncJobs } from './engine/sync-jobs';
import { TokenBucket } from './engine/token-bucket';
import { ListingsController } from './listings/listings.controller';
import { ListingsService } from './listings/listings.service';

/** Pushing listings to marketplaces (Shopee, Voso, Postmart) and the product feed. */
@Module({
  imports: [EnterpriseProfileModule, CatalogModule],
  controllers: [ChannelsController, ShopeeController, ListingsController, FeedController],
  providers: [
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: ResolvedConfig) => new SecretBox(config.encryptionKey) },
    ConnectionStore,
    TokenBucket,
    SyncContextFactory,
    ListingScheduler,
    ListingSyncHandler,
    Reconciler,
    SyncJobs,
    ConnectionsService,
    ListingsService,
    FeedService,
    RawBodyCapture,
  ],
  exports: [ListingsService, ConnectionsService],
})
export class PartnerSyncModule {}
