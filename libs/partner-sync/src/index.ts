export { PartnerSyncModule } from './partner-sync.module';
export { CHANNELS, channelByName } from './channels/registry';
export { validateChannelConfig } from './channels/channel-registry.service';
export { SyncError, type Channel, type CredentialField, type ErrorClass, type Labels, type PushChannel, type PullChannel } from './channels/channel.types';
export { ListingsService } from './listings/listings.service';
export { LISTING_QUEUE, LISTING_STATES, type ListingState } from './engine/listing-row';
export { ConnectionsService } from './connections/connections.service';
export { browserKeyCookie, browserKeyFor, readBrowserKey } from './connections/auth-binding';
export {
  ChannelSettingsDto,
  ChooseProductsDto,
  ConnectChannelDto,
  type CandidateProductDto,
  type ChannelCallbackResultDto,
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
export { SharingConsentGate, type SharingConsentPort, type ConsentVia } from './connections/sharing-consent';
