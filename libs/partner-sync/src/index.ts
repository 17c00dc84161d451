export { PartnerSyncModule } from './partner-sync.module';
export { CHANNELS, channelByName } from './channels/registry';
export { SyncError, type Channel, type ErrorClass, type PushChannel, type PullChannel } from './channels/channel.types';
export { shopeeSign, shopeePushSignature } from './channels/shopee/shopee-signer';
export { VOSO_CONTRACT } from './channels/voso/voso.contract';
export { POSTMART_CONTRACT } from './channels/postmart/postmart.contract';
export { ListingsService } from './listings/listings.service';
export { LISTING_QUEUE, LISTING_STATES, type ListingState } from './engine/listing-row';
export { ConnectionsService } from './connections/connections.service';
export {
  ChannelSettingsDto,
  ChooseProductsDto,
  ConnectChannelDto,
  ShopeeCallbackQueryDto,
  type CandidateProductDto,
  type ChannelConnectionDto,
  type FeedUrlsDto,
} from './dto/channel.dto';
export {
  LISTING_FILTERS,
  type ConnectionProblemDto,
  type DeadLetterDto,
  type EnterpriseListingDto,
  type ListingFilter,
  type SyncOverviewDto,
} from './dto/listing.dto';
