export { PartnerSyncModule } from './partner-sync.module';
export { CHANNELS, channelByName } from './channels/registry';
export { SyncError, type ErrorClass, type PushChannel, type PullChannel } from './channels/channel.types';
export { shopeeSign, shopeePushSignature } from './channels/shopee/shopee-signer';
export { VOSO_CONTRACT } from './channels/voso/voso.contract';
export { POSTMART_CONTRACT } from './channels/postmart/postmart.contract';
export { LISTING_QUEUE } from './engine/listing-row';
export { ListingsService } from './listings/listings.service';
