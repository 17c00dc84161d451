import { RetentionSchedule } from './retention/retention';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { APP_CONFIG } from './config/app-config';
import { AuditTrail } from './audit/audit-trail';
import { Clock, SystemClock } from './clock/clock';
import { RateLimiter } from './database/rate-limiter.service';
import { HealthChecks } from './health/health-checks';
import { HealthController } from './health/health.controller';
import { DomainEvents } from './jobs/domain-events';
import { JobMaintenance } from './jobs/job-maintenance';
import { JobQueue } from './jobs/job-queue.service';
import { JobRegistry } from './jobs/job-registry';
import { JobWorker } from './jobs/job-worker.service';
import { PreparingClient } from './database/prepared-statements';
import { LOGGER } from './logging/logger';
import { createMailSender } from './mail/create-mail-sender';
import { MailSender } from './mail/mail-sender';
import { PageCache } from './page-cache/page-cache.service';
import { SitemapController } from './sitemap/sitemap.controller';
import { SitemapRegistry } from './sitemap/sitemap-registry';
import { PersonalDataRegistry } from './privacy/personal-data';
import { FileStorage } from './storage/file-storage';
import { createFileStorage } from './storage/create-file-storage';
import { MediaController } from './storage/media.controller';
import { StorageHealth } from './storage/storage-health';
import type { ResolvedConfig } from './runtime/infrastructure';

export interface CoreModuleOptions {
  config: ResolvedConfig;
  logger: Logger;
  clock?: Clock;
}

/** Config, logger, clock, the database connection, the job queue and the sitemap registry, for every other module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.config.databaseUrl,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          logging: false,
          // Hot statements are prepared once per connection (database/prepared-statements.ts).
          extra: { max: options.config.dbPoolSize, application_name: 'tradefloor', Client: PreparingClient },
        }),
      ],
      controllers: [HealthController, SitemapController, MediaController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        JobQueue,
        DomainEvents,
        JobRegistry,
        JobWorker,
        JobMaintenance,
        RateLimiter,
        SitemapRegistry,
        HealthChecks,
        StorageHealth,
        PageCache,
        AuditTrail,
        RetentionSchedule,
        PersonalDataRegistry,
        { provide: FileStorage, useValue: createFileStorage(options.config) },
        // Outgoing mail is shared: inquiries notify sellers, identity sends verification mail.
        { provide: MailSender, useValue: createMailSender(options.config, options.logger) },
      ],
      exports: [
        RetentionSchedule,
        APP_CONFIG,
        LOGGER,
        Clock,
        JobQueue,
        DomainEvents,
        JobRegistry,
        JobWorker,
        RateLimiter,
        SitemapRegistry,
        HealthChecks,
        PageCache,
        AuditTrail,
        PersonalDataRegistry,
        FileStorage,
        MailSender,
      ],
    };
  }
}
