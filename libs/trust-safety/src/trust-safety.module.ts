import { BreachesController } from './breaches/breaches.controller';
import { Breaches } from './breaches/breaches.service';
import { RetentionController } from './retention/retention.controller';
import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { NewsBulletinModule } from '@tradefloor/news-bulletin';
import { OrdersModule } from '@tradefloor/orders';
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
import { ComplaintMail } from './complaints/complaint-mail.job';
import { Complaints } from './complaints/complaints.service';
import { DataRequestsController } from './data-requests/data-requests.controller';
import { DataRequests } from './data-requests/data-requests.service';
import { AdminSellerAccountsController, SellerAccountController } from './account-states/seller-accounts.controller';
import { SellerAccounts } from './account-states/seller-accounts.service';
import { EnterpriseHolds } from './holds/enterprise-holds';
import { SellerNotices } from './notices/seller-notices';
import { ProductScreening } from './screening/product-screening.service';
import { ScreeningTermsController } from './screening/screening-terms.controller';
import { ScreeningTerms } from './screening/screening-terms.service';
import { AdminTakedownsController, SellerTakedownsController } from './takedowns/takedowns.controller';
import { Takedowns } from './takedowns/takedowns.service';
import { ElectronicIdentityProvider } from './identity/electronic-identity.provider';
import { PublicIdentityController, SellerIdentityController, StaffIdentityController } from './identity/identity.controller';
import { IdentityRawBodyCapture } from './identity/identity-raw-body';
import { IdentitySweep } from './identity/identity-sweep.job';
import { SellerIdentity } from './identity/seller-identity.service';
import { StaffReviewProvider } from './identity/staff-review.provider';
import { TrustSafetyPersonalData } from './privacy/trust-safety-personal-data';

/** Trust and safety: the audit log's reads, verification and daily heads (writes go through core's AuditTrail); takedowns; complaints; keyword screening of products; authority data requests; seller account states; seller identity. */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, NewsBulletinModule, SearchModule, PartnerSyncModule, OrdersModule],
  controllers: [
    AuditController,
    AdminTakedownsController,
    SellerTakedownsController,
    PublicComplaintsController,
    StaffComplaintsController,
    ComplaintTakedownsController,
    SellerComplaintsController,
    ScreeningTermsController,
    DataRequestsController,
    AdminSellerAccountsController,
    SellerAccountController,
    SellerIdentityController,
    PublicIdentityController,
    StaffIdentityController,
    RetentionController,
    BreachesController,
  ],
  providers: [
    TrustSafetyPersonalData,
    AuditLog,
    AuditChainHeads,
    Takedowns,
    Complaints,
    ScreeningTerms,
    ProductScreening,
    DataRequests,
    SellerNotices,
    SellerAccounts,
    StaffReviewProvider,
    ElectronicIdentityProvider,
    SellerIdentity,
    IdentitySweep,
    IdentityRawBodyCapture,
    EnterpriseHolds,
    ComplaintMail,
    Breaches,
  ],
  exports: [
    Breaches,
    AuditLog,
    AuditChainHeads,
    Takedowns,
    Complaints,
    ScreeningTerms,
    ProductScreening,
    DataRequests,
    SellerAccounts,
    SellerIdentity,
    IdentitySweep,
  ],
})
export class TrustSafetyModule {}
