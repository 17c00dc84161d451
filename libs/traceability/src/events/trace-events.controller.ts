import { Body, Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { CreateTraceEventDto, EpcisDocumentDto, TraceEventDto, TraceEventListDto } from './trace-event.dto';
import { toTraceEventDto } from './trace-event.mapper';
import { TraceEvents } from './trace-events.service';

@ApiTags('traceability')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiNotFoundResponse({ type: ErrorEnvelopeDto })
@Auth()
@Controller('api/v1/batches/:id')
export class TraceEventsController {
  constructor(private readonly events: TraceEvents) {}

  @Post('events')
  @ApiCreatedResponse({ type: TraceEventDto })
  async record(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: CreateTraceEventDto): Promise<TraceEventDto> {
    return toTraceEventDto(await this.events.record(user, id, dto));
  }

  @Get('events')
  @ApiOkResponse({ type: TraceEventListDto })
  async list(@CurrentUser() user: Principal, @Param('id') id: string): Promise<TraceEventListDto> {
    return { items: (await this.events.list(user, id)).map(toTraceEventDto) };
  }

  @Get('events.jsonld')
  @Header('content-type', 'application/ld+json; charset=utf-8')
  @ApiProduces('application/ld+json', 'application/json')
  @ApiOkResponse({ type: EpcisDocumentDto, description: 'EPCIS 2.0 EPCISDocument' })
  epcis(@CurrentUser() user: Principal, @Param('id') id: string): Promise<Record<string, unknown>> {
    return this.events.epcis(user, id);
  }
}
