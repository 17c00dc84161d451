import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { ListingDto, ListingListDto, SyncOverviewDto } from '../dto/listing.dto';
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
}
