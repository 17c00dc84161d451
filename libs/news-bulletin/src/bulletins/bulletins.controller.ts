import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, ForbiddenError } from '@tradefloor/core';
import { Auth, CurrentUser, OptionalAuth, type Principal } from '@tradefloor/identity';
import type { FastifyRequest } from 'fastify';
import { CreateBulletinDto, PublishBulletinDto, UpdateBulletinDto } from '../dto/bulletin-input.dto';
import { BulletinDto, BulletinListDto, BulletinRevisionListDto } from '../dto/bulletin-output.dto';
import { BulletinListQuery } from '../dto/bulletin-query.dto';
import { ViewCounter } from '../views/view-counter.service';
import { parseApiDate } from './bulletin-content';
import { BulletinQueryService } from './bulletin-query.service';
import { BulletinWorkflowService } from './bulletin-workflow.service';
import { toRevisionDto } from './bulletin.mapper';
import { BulletinPresenter } from './bulletin.presenter';
import { BulletinService } from './bulletin.service';

const isStaff = (user?: Principal) => user?.role === 'admin' || user?.role === 'editor';

@ApiTags('bulletins')
@Controller('api/v1/bulletins')
export class BulletinsController {
  constructor(
    private readonly bulletins: BulletinService,
    private readonly workflow: BulletinWorkflowService,
    private readonly queries: BulletinQueryService,
    private readonly presenter: BulletinPresenter,
    private readonly views: ViewCounter,
  ) {}

  @Post()
  @Auth('editor', 'admin')
  @ApiCreatedResponse({ type: BulletinDto, description: 'Created as a draft' })
  async create(@CurrentUser() user: Principal, @Body() dto: CreateBulletinDto): Promise<BulletinDto> {
    return this.presenter.one(await this.bulletins.create(user, dto));
  }

  @Patch(':id')
  @Auth('editor', 'admin')
  @ApiOkResponse({ type: BulletinDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'Archived bulletins cannot be edited' })
  async update(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateBulletinDto): Promise<BulletinDto> {
    return this.presenter.one(await this.bulletins.update(user, id, dto));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Auth('editor', 'admin')
  @ApiOkResponse({ type: BulletinDto, description: 'published, scheduled (future publishAt) or pending_approval (editor, approval required)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async publish(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PublishBulletinDto): Promise<BulletinDto> {
    return this.presenter.one(await this.workflow.publish(user, id, dto.publishAt ? parseApiDate('publishAt', dto.publishAt) : undefined));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Auth('editor', 'admin')
  @ApiOkResponse({ type: BulletinDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async archive(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<BulletinDto> {
    return this.presenter.one(await this.workflow.archive(user, id));
  }

  @Get()
  @OptionalAuth()
  @ApiOkResponse({ type: BulletinListDto })
  async list(@CurrentUser() user: Principal | undefined, @Query() query: BulletinListQuery): Promise<BulletinListDto> {
    if (query.status && query.status !== 'published' && !isStaff(user)) {
      throw new ForbiddenError('Chỉ biên tập viên xem được bản tin chưa xuất bản (only editors see unpublished bulletins)');
    }
    return this.presenter.page(await this.queries.list(query));
  }

  @Get(':id/revisions')
  @Auth('editor', 'admin')
  @ApiOkResponse({ type: BulletinRevisionListDto, description: 'Newest first' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async revisions(@Param('id', new ParseUUIDPipe()) id: string): Promise<BulletinRevisionListDto> {
    return { items: (await this.bulletins.revisions(id)).map(toRevisionDto) };
  }

  /** By slug (public page, counts a view) or by id; editors and admins also see unpublished ones. */
  @Get(':slug')
  @OptionalAuth()
  @ApiOkResponse({ type: BulletinDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async get(@CurrentUser() user: Principal | undefined, @Param('slug') slug: string, @Req() req: FastifyRequest): Promise<BulletinDto> {
    const b = isStaff(user) ? await this.queries.getAny(slug) : await this.queries.getPublished(slug);
    if (b.status === 'published') this.views.record(b.id, req.ip, req.headers['user-agent']);
    return this.presenter.one(b);
  }
}
