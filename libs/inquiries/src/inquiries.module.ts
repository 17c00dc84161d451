import { InquiriesRetention } from './inquiries-retention';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { InquiryInbox } from './inbox/inquiry-inbox.service';
import { InquiriesController } from './http/inquiries.controller';
import { InquiryEntity } from './inquiry.entity';
import { InquiryNotificationJob } from './mail/inquiry-notification.job';
import { ClientFingerprints } from './spam/client-fingerprint';
import { FormTokens } from './spam/form-token';
import { InquiryStats } from './stats/inquiry-stats.service';
import { InquirySubmissions } from './submissions/inquiry-submissions.service';
import { InquiryPersonalData } from './privacy/inquiry-personal-data';

/** Buyer → seller inquiries: submission with spam defences, the enterprise inbox, email notification, volumes. */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, TypeOrmModule.forFeature([InquiryEntity])],
  controllers: [InquiriesController],
  providers: [InquiryPersonalData, FormTokens, ClientFingerprints, InquirySubmissions, InquiryInbox, InquiryStats, InquiryNotificationJob, InquiriesRetention],
  exports: [InquirySubmissions, InquiryInbox, InquiryStats, FormTokens],
})
export class InquiriesModule {}
