import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { PartnerSyncModule } from '@tradefloor/partner-sync';
import { SearchModule } from '@tradefloor/search';
import { AuditChainHeads } from './audit/audit-chain-heads.job';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log.service';
import { AdminTakedownsController, SellerTakedownsController } from './takedowns/takedowns.controller';
import { Takedowns } from './takedowns/takedowns.service';

/** Trust and safety: the audit log's reads, verification and daily heads (writes go through core's AuditTrail); takedowns. */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, NewsBulletinModule, SearchModule, PartnerSyncModule],
  controllers: [AuditController, AdminTakedownsController, SellerTakedownsController],
  providers: [AuditLog, AuditChainHeads, Takedowns],
  exports: [AuditLog, AuditChainHeads, Takedowns],
})
export class TrustSafetyModule {}
