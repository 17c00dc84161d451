import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { PartnerSyncModule } from '@tradefloor/partner-sync';
import { SearchModule } from '@tradefloor/search';
import { AuditChainHeads } from './audit/audit-chain-heads.job';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log.service';
import {
  ComplaintTakedownsController,
  PublicComplaintsController,
  SellerComplaintsController,
  StaffComplaintsController,
} from './complaints/complaints.controller';
import { Complaints } from './complaints/complaints.service';
import { ElectronicIdentityProvider } from './identity/electronic-identity.provider';
import { PublicIdentityController, SellerIdentityController, StaffIdentityController } from './identity/identity.controller';
import { IdentityRawBodyCapture } from './identity/identity-raw-body';
import { IdentitySweep } from './identity/identity-sweep.job';
import { SellerIdentity } from './identity/seller-identity.service';
import { StaffReviewProvider } from './identity/staff-review.provider';
import { AdminTakedownsController, SellerTakedownsController } from './takedowns/takedowns.controller';
import { Takedowns } from './takedowns/takedowns.service';

/** Trust and safety: the audit log's reads, verification and daily heads (writes go through core's AuditTrail); takedowns; complaints; seller identity. */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, NewsBulletinModule, SearchModule, PartnerSyncModule],
  controllers: [
    AuditController,
    AdminTakedownsController,
    SellerTakedownsController,
    PublicComplaintsController,
    StaffComplaintsController,
    ComplaintTakedownsController,
    SellerComplaintsController,
    SellerIdentityController,
    PublicIdentityController,
    StaffIdentityController,
  ],
  providers: [
    AuditLog,
    AuditChainHeads,
    Takedowns,
    Complaints,
    StaffReviewProvider,
    ElectronicIdentityProvider,
    SellerIdentity,
    IdentitySweep,
    IdentityRawBodyCapture,
  ],
  exports: [AuditLog, AuditChainHeads, Takedowns, Complaints, SellerIdentity, IdentitySweep],
})
export class TrustSafetyModule {}
