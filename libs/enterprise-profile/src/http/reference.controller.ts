import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { CommuneDto, CommuneListDto, CommuneSearchQuery, LegacyResolveQuery, LegacyResolveResultDto, ProvinceDto } from '../dto/reference.dto';
import { CommuneDirectory } from '../reference/commune-directory.service';

@ApiTags('reference')
@Controller('api/v1/provinces')
export class ProvincesController {
  constructor(private readonly directory: CommuneDirectory) {}

  @Get()
  @ApiOkResponse({ type: [ProvinceDto] })
  list(): Promise<ProvinceDto[]> {
    return this.directory.provinces();
  }

  @Get(':code/communes')
  @ApiOkResponse({ type: [CommuneDto] })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  communes(@Param('code') code: string): Promise<CommuneDto[]> {
    return this.directory.communesOf(code);
  }
}

@ApiTags('reference')
@Controller('api/v1/communes')
export class CommunesController {
  constructor(private readonly directory: CommuneDirectory) {}

  @Get()
  @ApiOkResponse({ type: CommuneListDto, description: 'Tìm không phân biệt dấu (diacritic-insensitive search)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  search(@Query() query: CommuneSearchQuery): Promise<CommuneListDto> {
    return this.directory.search(query);
  }

  @Get('resolve-legacy')
  @ApiOkResponse({ type: LegacyResolveResultDto, description: 'Địa chỉ cũ (trước 1/7/2025) → xã/phường hiện nay (pre-2025 address → today’s commune)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  async resolveLegacy(@Query() query: LegacyResolveQuery): Promise<LegacyResolveResultDto> {
    return { items: await this.directory.resolveLegacy(query) };
  }
}
