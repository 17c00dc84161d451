import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { BreachDto, BreachListDto, BreachNoticesDto, CreateBreachDto, UpdateBreachDto } from './breach.dto';
import { Breaches } from './breaches.service';

/** The breach register (administrators only). */
@ApiTags('admin')
@Controller('api/v1/admin/breaches')
@Auth('admin')
export class BreachesController {
  constructor(private readonly breaches: Breaches) {}

  @Post()
  @ApiCreatedResponse({ type: BreachDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  create(@Body() dto: CreateBreachDto): Promise<BreachDto> {
    return this.breaches.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: BreachListDto })
  list(): Promise<BreachListDto> {
    return this.breaches.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: BreachDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<BreachDto> {
    return this.breaches.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: BreachDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateBreachDto): Promise<BreachDto> {
    return this.breaches.update(id, dto);
  }

  @Get(':id/notices')
  @ApiOkResponse({ type: BreachNoticesDto, description: 'Vietnamese notice texts for the authority and for affected users, rendered from the record' })
  notices(@Param('id', new ParseUUIDPipe()) id: string): Promise<BreachNoticesDto> {
    return this.breaches.notices(id);
  }
}
