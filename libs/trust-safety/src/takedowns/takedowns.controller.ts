import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { AppealTakedownDto, CreateTakedownDto, DecideTakedownDto, TakedownDto, TakedownListDto, TakedownListQueryDto } from './takedown.dto';
import { Takedowns } from './takedowns.service';

@ApiTags('admin')
@Controller('api/v1/admin/takedowns')
@Auth('admin')
export class AdminTakedownsController {
  constructor(private readonly takedowns: Takedowns) {}

  @Post()
  @ApiCreatedResponse({ type: TakedownDto, description: 'The subject is off every public surface when this returns; search and marketplaces follow' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'TAKEDOWN_EXISTS' })
  create(@CurrentUser() actor: Principal, @Body() dto: CreateTakedownDto): Promise<TakedownDto> {
    return this.takedowns.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: TakedownListDto, description: 'Open first, soonest deadline first' })
  list(@Query() q: TakedownListQueryDto): Promise<TakedownListDto> {
    return this.takedowns.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: TakedownDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<TakedownDto> {
    return this.takedowns.get(id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: TakedownDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'TAKEDOWN_DECIDED' })
  decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DecideTakedownDto): Promise<TakedownDto> {
    return this.takedowns.decide(id, dto);
  }
}

@ApiTags('takedowns')
@Controller()
@Auth()
export class SellerTakedownsController {
  constructor(private readonly takedowns: Takedowns) {}

  @Get('api/v1/enterprises/:id/takedowns')
  @ApiOkResponse({ type: TakedownListDto, description: 'Takedowns of the enterprise or its products (members only)' })
  forEnterprise(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: TakedownListQueryDto): Promise<TakedownListDto> {
    return this.takedowns.forEnterprise(user, id, q);
  }

  @Post('api/v1/takedowns/:id/appeal')
  @HttpCode(200)
  @ApiOkResponse({ type: TakedownDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'TAKEDOWN_ALREADY_APPEALED | TAKEDOWN_DECIDED' })
  appeal(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AppealTakedownDto): Promise<TakedownDto> {
    return this.takedowns.appeal(user, id, dto);
  }
}
