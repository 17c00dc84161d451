import { bulletinPagePath } from '@tradefloor/core';
import type { BulletinDto, BulletinRevisionDto, BulletinSummaryDto, CategoryDto, CategoryRefDto } from '../dto/bulletin-output.dto';
import type { BulletinCategoryEntity } from '../entities/bulletin-category.entity';
import type { BulletinRevisionEntity } from '../entities/bulletin-revision.entity';
import type { BulletinEntity } from '../entities/bulletin.entity';

/** Public page of a bulletin on the website. */
export function bulletinUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}${bulletinPagePath(slug)}`;
}

export function toCategoryDto(c: BulletinCategoryEntity): CategoryDto {
  return { id: c.id, slug: c.slug, name: c.name, description: c.description, position: c.position };
}

function categoryRef(categories: Map<string, BulletinCategoryEntity>, id: string): CategoryRefDto {
  const c = categories.get(id);
  return { id, slug: c?.slug ?? '', name: c?.name ?? '' };
}

export function toSummaryDto(b: BulletinEntity, categories: Map<string, BulletinCategoryEntity>, baseUrl: string): BulletinSummaryDto {
  return {
    id: b.id,
    kind: b.kind,
    status: b.status,
    slug: b.slug,
    title: b.title,
    summary: b.summary,
    coverImageUrl: b.coverImageUrl,
    category: categoryRef(categories, b.categoryId),
    tags: b.tags,
    authorByline: b.authorByline,
    publishedAt: b.publishedAt,
    viewCount: b.viewCount,
    event:
      b.kind === 'event' && b.eventStartsAt && b.eventEndsAt
        ? { startsAt: b.eventStartsAt, endsAt: b.eventEndsAt, location: b.eventLocation, organiser: b.eventOrganiser }
        : null,
    url: bulletinUrl(baseUrl, b.slug),
  };
}

export function toBulletinDto(b: BulletinEntity, categories: Map<string, BulletinCategoryEntity>, baseUrl: string): BulletinDto {
  return {
    ...toSummaryDto(b, categories, baseUrl),
    body: b.body,
    relatedEnterpriseIds: b.relatedEnterpriseIds,
    relatedProductIds: b.relatedProductIds,
    publishAt: b.publishAt,
    archivedAt: b.archivedAt,
    rejectionReason: b.rejectionReason,
    revision: b.revision,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

export function toRevisionDto(r: BulletinRevisionEntity): BulletinRevisionDto {
  return {
    revision: r.revision,
    action: r.action,
    title: r.title,
    summary: r.summary,
    body: r.body,
    editorId: r.editorId,
    editorName: r.editorName,
    createdAt: r.createdAt,
  };
}
