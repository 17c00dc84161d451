export { NewsBulletinModule, PURGE_VIEWS_QUEUE } from './news-bulletin.module';
export { BulletinQueryService } from './bulletins/bulletin-query.service';
export { PUBLISH_DUE_QUEUE, PUBLISH_SCHEDULED_QUEUE } from './bulletins/bulletin-workflow.service';
export { ViewCounter } from './views/view-counter.service';
export { BulletinDto, BulletinSummaryDto, BulletinListDto, CategoryDto } from './dto/bulletin-output.dto';
export { BULLETIN_KINDS, BULLETIN_STATUSES, type BulletinKind, type BulletinStatus } from './entities/bulletin.entity';
export { seedDemoBulletins } from './seed/demo-bulletins';
export { CategoryService as BulletinCategoryService } from './categories/category.service';
export { BulletinEntity } from './entities/bulletin.entity';
