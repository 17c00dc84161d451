import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { CreateScreeningTermDto, ScreeningTermDto, ScreeningTermListDto, ScreeningTermQueryDto, UpdateScreeningTermDto } from './screening.dto';
import { ScreeningTerms } from './screening-terms.service';

/** The prohibited and restricted term lists (administrators and editors, who moderate products). */
@ApiTags('admin')
@Controller('api/v1/admin/screening-terms')
@Auth('admin', 'editor')
export class ScreeningTermsController {
  constructor(private readonly terms: ScreeningTerms) {}

  @Get()
  @ApiOkResponse({ type: ScreeningTermListDto, description: 'Prohibited first, then restricted; alphabetical' })
  list(@Query() q: ScreeningTermQueryDto): Promise<ScreeningTermListDto> {
    return this.terms.list(q);
  }

  @Post()
  @ApiCreatedResponse({ type: ScreeningTermDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'SCREENING_TERM_EXISTS (the same words without regard to diacritics)' })
  create(@Body() dto: CreateScreeningTermDto): Promise<ScreeningTermDto> {
    return this.terms.create(dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScreeningTermDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ScreeningTermDto> {
    return this.terms.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ScreeningTermDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'SCREENING_TERM_EXISTS' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateScreeningTermDto): Promise<ScreeningTermDto> {
    return this.terms.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.terms.remove(id);
  }
}
