import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { SearchModule } from '@tradefloor/search';
import { TraceabilityModule } from '@tradefloor/traceability';
import { MinistryReport } from './exports/ministry-report';
import { NationalExportsController, OcopExport } from './exports/ocop-export';
import { FeedEventsJob } from './feed/feed-events.job';
import { FeedLog } from './feed/feed-log';
import { OpenFeedController } from './feed/open-feed.controller';
import { OpenFeed } from './feed/open-feed.service';
import { PeerProducts } from './peers/peer-products.store';
import { PeerPuller } from './peers/peer-puller';
import { AdminPeersController, FederatedProductsController } from './peers/peers.controller';
import { Peers } from './peers/peers.service';

/** Floors that talk to each other: the open feed we publish, and the peer floors' feeds we read. */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, NewsBulletinModule, SearchModule, TraceabilityModule],
  controllers: [OpenFeedController, AdminPeersController, FederatedProductsController, NationalExportsController],
  providers: [FeedLog, FeedEventsJob, OpenFeed, PeerProducts, PeerPuller, Peers, OcopExport, MinistryReport],
  exports: [OpenFeed, Peers, PeerPuller, PeerProducts],
})
export class FederationModule {}
