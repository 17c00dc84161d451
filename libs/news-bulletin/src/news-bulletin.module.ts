import { ViewsRetention } from './views/views-retention';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, JobRegistry, RetryJobLaterError, SitemapRegistry, Clock, type ResolvedConfig } from '@tradefloor/core';
import { AdminBulletinsController } from './bulletins/admin-bulletins.controller';
import { BulletinQueryService } from './bulletins/bulletin-query.service';
import { BulletinWorkflowService, PUBLISH_DUE_QUEUE, PUBLISH_SCHEDULED_QUEUE } from './bulletins/bulletin-workflow.service';
import { bulletinUrl } from './bulletins/bulletin.mapper';
import { BulletinPresenter } from './bulletins/bulletin.presenter';
import { BulletinService } from './bulletins/bulletin.service';
import { BulletinsController } from './bulletins/bulletins.controller';
import { EventsController } from './bulletins/events.controller';
import { AdminCategoriesController } from './categories/admin-categories.controller';
import { CategoriesController } from './categories/categories.controller';
import { CategoryService } from './categories/category.service';
import { BulletinCategoryEntity } from './entities/bulletin-category.entity';
import { BulletinRevisionEntity } from './entities/bulletin-revision.entity';
import { BulletinEntity } from './entities/bulletin.entity';
import { FeedsController } from './feeds/feeds.controller';
import { ViewCounter } from './views/view-counter.service';
import { BulletinPersonalData } from './privacy/bulletin-personal-data';

export const PURGE_VIEWS_QUEUE = 'news.purge-view-dedupe';
/** De-duplication rows are needed for the current hour only; keep a margin for clock skew between replicas. */
const VIEW_DEDUPE_KEEP_HOURS = 3;

/** News bulletins and events: editorial workflow, scheduled publishing, views, feeds, sitemap entries. */
@Module({
  imports: [TypeOrmModule.forFeature([BulletinEntity, BulletinCategoryEntity, BulletinRevisionEntity])],
  controllers: [BulletinsController, AdminBulletinsController, EventsController, CategoriesController, AdminCategoriesController, FeedsController],
  providers: [
    BulletinPersonalData,
    BulletinService,
    BulletinWorkflowService,
    BulletinQueryService,
    BulletinPresenter,
    CategoryService,
    ViewCounter,
    ViewsRetention,
  ],
  exports: [BulletinQueryService, ViewCounter, BulletinService, BulletinWorkflowService, CategoryService],
})
export class NewsBulletinModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly sitemap: SitemapRegistry,
    private readonly workflow: BulletinWorkflowService,
    private readonly queries: BulletinQueryService,
    private readonly views: ViewCounter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ bulletinId: string }>(
      PUBLISH_SCHEDULED_QUEUE,
      async (job) => {
        const due = await this.workflow.scheduledTime(job.payload.bulletinId);
        if (!due) return; // published, archived or unscheduled meanwhile
        const wait = due.getTime() - this.clock.now().getTime();
        if (wait > 0) throw new RetryJobLaterError(wait, 'not due yet');
        await this.workflow.publishDue(job.payload.bulletinId);
      },
      { concurrency: 2 },
    );
    this.jobs.register(PUBLISH_DUE_QUEUE, async () => void (await this.workflow.publishDue()), { concurrency: 1 });
    this.jobs.every('news.publish-due-sweep', 60_000, PUBLISH_DUE_QUEUE);
    this.jobs.register(PURGE_VIEWS_QUEUE, async () => void (await this.views.purgeOlderThan(VIEW_DEDUPE_KEEP_HOURS)), { concurrency: 1 });
    this.jobs.every('news.purge-view-dedupe', 3_600_000, PURGE_VIEWS_QUEUE);

    this.sitemap.register('bulletins', async () =>
      (await this.queries.sitemapEntries()).map((e) => ({ loc: bulletinUrl(this.config.publicBaseUrl, e.slug), lastmod: e.updatedAt })),
    );
  }
}
