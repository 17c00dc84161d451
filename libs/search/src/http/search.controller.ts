import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { EnterpriseSearchQueryDto, ProductSearchQueryDto, SuggestQueryDto } from './search-query.dto';
import { EnterpriseSearchResponseDto, ProductSearchResponseDto, SuggestResponseDto } from './search-response.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('api/v1/search')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiServiceUnavailableResponse({ type: ErrorEnvelopeDto })
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('products')
  @ApiOkResponse({ type: ProductSearchResponseDto })
  products(@Query() query: ProductSearchQueryDto): Promise<ProductSearchResponseDto> {
    return this.search.searchProducts(query);
  }

  @Get('suggest')
  @ApiOkResponse({ type: SuggestResponseDto })
  suggest(@Query() query: SuggestQueryDto): Promise<SuggestResponseDto> {
    return this.search.suggest(query.q);
  }

  @Get('enterprises')
  @ApiOkResponse({ type: EnterpriseSearchResponseDto })
  enterprises(@Query() query: EnterpriseSearchQueryDto): Promise<EnterpriseSearchResponseDto> {
    return this.search.searchEnterprises(query);
  }
}
