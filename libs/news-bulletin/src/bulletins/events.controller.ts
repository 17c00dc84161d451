import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BulletinListDto } from '../dto/bulletin-output.dto';
import { EventListQuery } from '../dto/bulletin-query.dto';
import { BulletinQueryService } from './bulletin-query.service';
import { BulletinPresenter } from './bulletin.presenter';

/** Fairs, market days and OCOP exhibitions: published bulletins of kind "event". */
@ApiTags('bulletins')
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly queries: BulletinQueryService,
    private readonly presenter: BulletinPresenter,
  ) {}

  @Get()
  @ApiOkResponse({ type: BulletinListDto, description: 'Events overlapping [from, to], soonest first; without bounds, those not over yet' })
  async list(@Query() query: EventListQuery): Promise<BulletinListDto> {
    return this.presenter.page(await this.queries.events(query));
  }
}
