import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { EnterpriseListingPageDto, EnterpriseListingsQueryDto, ListingDto, ListingListDto, RetryDeadResultDto, SyncOverviewDto } from '../dto/listing.dto';
import { ListingsService } from './listings.service';

@ApiTags('partner-sync')
@Controller()
export class ListingsController {
  constructor(private readonly listings: ListingsService) {}

  @Get('api/v1/products/:id/listings')
  @Auth()
  @ApiOkResponse({ type: ListingListDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async forProduct(@CurrentUser() user: Principal, @Param('id') id: string): Promise<ListingListDto> {
    return { items: await this.listings.forProduct(user, id) };
  }

  @Get('api/v1/enterprises/:id/listings')
  @Auth()
  @ApiOkResponse({ type: EnterpriseListingPageDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  forEnterprise(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: EnterpriseListingsQueryDto,
  ): Promise<EnterpriseListingPageDto> {
    return this.listings.forEnterprise(user, id, q);
  }

  @Post('api/v1/listings/:id/retry')
  @HttpCode(200)
  @Auth()
  @ApiOkResponse({ type: ListingDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  retry(@CurrentUser() user: Principal, @Param('id') id: string): Promise<ListingDto> {
    return this.listings.retry(user, id);
  }

  @Get('api/v1/admin/sync')
  @Auth('admin')
  @ApiOkResponse({ type: SyncOverviewDto })
  overview(): Promise<SyncOverviewDto> {
    return this.listings.overview();
  }

  @Post('api/v1/admin/sync/:channel/retry-dead')
  @HttpCode(200)
  @Auth('admin')
  @ApiOkResponse({ type: RetryDeadResultDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async retryDead(@Param('channel') channel: string): Promise<RetryDeadResultDto> {
    return { channel, requeued: await this.listings.retryDeadLetters(channel) };
  }
}
