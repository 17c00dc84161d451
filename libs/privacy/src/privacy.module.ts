import { Module } from '@nestjs/common';
import { LegalModule } from '@tradefloor/legal';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { PartnerSyncModule } from '@tradefloor/partner-sync';
import { Consents } from './consents/consents.service';
import { PartnerConsentLink } from './consents/partner-consent-link';
import { AccountErasure } from './erasure/account-erasure.service';
import { DataExports } from './exports/data-exports.service';
import { MePrivacyController } from './me-privacy.controller';
import { PrivacyPersonalData } from './privacy-personal-data';
import { PrivacyRequestQueueController, PrivacyRequestsController } from './requests/privacy-requests.controller';
import { PrivacyRequests } from './requests/privacy-requests.service';

/** Personal data rights: the consent ledger, "my data" export, closing an account, staff-handled requests. */
@Module({
  imports: [PartnerSyncModule, EnterpriseProfileModule, LegalModule],
  controllers: [MePrivacyController, PrivacyRequestsController, PrivacyRequestQueueController],
  providers: [Consents, DataExports, AccountErasure, PrivacyPersonalData, PartnerConsentLink, PrivacyRequests],
  exports: [Consents, DataExports, AccountErasure, PrivacyRequests],
})
export class PrivacyModule {}
