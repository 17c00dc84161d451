import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import type { FastifyReply } from 'fastify';
import { EnterpriseSearchQueryDto, ProductSearchQueryDto, SuggestQueryDto } from './search-query.dto';
import { EnterpriseSearchResponseDto, ProductSearchResponseDto, SuggestResponseDto } from './search-response.dto';
import { productSearchJson } from './search-answer-json';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('api/v1/search')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiServiceUnavailableResponse({ type: ErrorEnvelopeDto })
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('products')
  @ApiOkResponse({ type: ProductSearchResponseDto })
  async products(@Query() query: ProductSearchQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProductSearchResponseDto> {
    const answer = await this.search.searchProducts(query);
    // A custom serializer leaves the content type to us (Fastify sets it only for its own).
    void reply.serializer(productSearchJson).type('application/json; charset=utf-8');
    return answeredBy(reply, answer);
  }

  @Get('suggest')
  @ApiOkResponse({ type: SuggestResponseDto })
  async suggest(@Query() query: SuggestQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SuggestResponseDto> {
    return answeredBy(reply, await this.search.suggest(query.q));
  }

  @Get('enterprises')
  @ApiOkResponse({ type: EnterpriseSearchResponseDto })
  async enterprises(@Query() query: EnterpriseSearchQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<EnterpriseSearchResponseDto> {
    return answeredBy(reply, await this.search.searchEnterprises(query));
  }
}

/** `x-search-engine`: which engine answered (issue 20: postgres while Meilisearch is failed over). */
function answeredBy<T extends { engine: string | null }>(reply: FastifyReply, body: T): T {
  if (body.engine) void reply.header('x-search-engine', body.engine);
  return body;
}
