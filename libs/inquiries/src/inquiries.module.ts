import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@tradefloor/catalog';
import { APP_CONFIG, LOGGER, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import type { Logger } from 'pino';
import { InquiryInbox } from './inbox/inquiry-inbox.service';
import { InquiriesController } from './http/inquiries.controller';
import { InquiryEntity } from './inquiry.entity';
import { InquiryNotificationJob } from './mail/inquiry-notification.job';
import { LogMailSender } from './mail/log-mail-sender';
import { MailSender } from './mail/mail-sender';
import { SmtpMailSender } from './mail/smtp-mail-sender';
import { ClientFingerprints } from './spam/client-fingerprint';
import { FormTokens } from './spam/form-token';
import { InquiryStats } from './stats/inquiry-stats.service';
import { InquirySubmissions } from './submissions/inquiry-submissions.service';

/** Buyer → seller inquiries: submission with spam defences, the enterprise inbox, email notification, volumes. */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, TypeOrmModule.forFeature([InquiryEntity])],
  controllers: [InquiriesController],
  providers: [
    {
      provide: MailSender,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: ResolvedConfig, logger: Logger) =>
        config.smtpUrl ? new SmtpMailSender(config.smtpUrl, config.mailFrom) : new LogMailSender(logger),
    },
    FormTokens,
    ClientFingerprints,
    InquirySubmissions,
    InquiryInbox,
    InquiryStats,
    InquiryNotificationJob,
  ],
  exports: [InquirySubmissions, InquiryInbox, InquiryStats, FormTokens],
})
export class InquiriesModule {}
