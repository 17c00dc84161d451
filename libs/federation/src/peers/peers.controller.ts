import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { CreatePeerDto, FederatedProductPageDto, FederatedProductQueryDto, PeerDto, PeerListDto } from './peer.dto';
import { PeerProducts } from './peer-products.store';
import { Peers } from './peers.service';

@ApiTags('admin')
@Controller('api/v1/admin/peers')
@Auth('admin')
export class AdminPeersController {
  constructor(private readonly peers: Peers) {}

  @Post()
  @ApiCreatedResponse({ type: PeerDto, description: 'Registered; the first pull is queued at once' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'PEER_EXISTS' })
  create(@CurrentUser() actor: Principal, @Body() dto: CreatePeerDto): Promise<PeerDto> {
    return this.peers.create(dto, actor.id);
  }

  @Get()
  @ApiOkResponse({ type: PeerListDto, description: 'Every peer with its health (last success, last error, items kept)' })
  list(): Promise<PeerListDto> {
    return this.peers.list();
  }

  @Post(':id/pull')
  @HttpCode(200)
  @ApiOkResponse({ type: PeerDto, description: 'A pull is queued now' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  pull(@Param('id', new ParseUUIDPipe()) id: string): Promise<PeerDto> {
    return this.peers.pullNow(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed with its products; they leave the search index (durable job)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.peers.remove(id);
  }
}

/** Buyers' search over peer floors' products ("Các tỉnh khác"): PostgreSQL full text over the peer table. */
@ApiTags('search')
@Controller('api/v1/federation/products')
export class FederatedProductsController {
  constructor(private readonly products: PeerProducts) {}

  @Get()
  @ApiOkResponse({ type: FederatedProductPageDto })
  search(@Query() q: FederatedProductQueryDto): Promise<FederatedProductPageDto> {
    return this.products.search(q);
  }
}
