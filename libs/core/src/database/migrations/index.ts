import { Foundation1764300000000 } from './1764300000000-foundation';
import { EnterprisesCatalog1764400000000 } from './1764400000000-enterprises-catalog';
import { Search1764440000000 } from './1764440000000-search';
import { PartnerSync1764450000000 } from './1764450000000-partner-sync';
import { Traceability1764460000000 } from './1764460000000-traceability';
import { NewsBulletins1764500000000 } from './1764500000000-news-bulletins';
import { SearchNameIndex1764510000000 } from './1764510000000-search-name-index';
import { Inquiries1764700000000 } from './1764700000000-inquiries';
import { ActivitySeries1764810000000 } from './1764810000000-activity-series';
import { ProductNameFolded1764811000000 } from './1764811000000-product-name-folded';
import { PartnerSyncUnlist1764820000000 } from './1764820000000-partner-sync-unlist';
import { ListingResyncRequested1764830000000 } from './1764830000000-listing-resync-requested';
import { SearchNamePrefix1765000000000 } from './1765000000000-search-name-prefix';
import { ChannelAuthBinding1765200000000 } from './1765200000000-channel-auth-binding';
import { StampTrust1765300000000 } from './1765300000000-stamp-trust';
import { StampSheetCache1765300001000 } from './1765300001000-stamp-sheet-cache';
import { LoginThrottle1765350000000 } from './1765350000000-login-throttle';
import { AuditLog1765700000000 } from './1765700000000-audit-log';
import { Takedowns1765710000000 } from './1765710000000-takedowns';
import { EmailVerification1765800000000 } from './1765800000000-email-verification';
import { ProductRevision1765800001000 } from './1765800001000-product-revision';
import { Federation1765810000000 } from './1765810000000-federation';
import { RateLimitsUnlogged1765830000000 } from './1765830000000-rate-limits-unlogged';
import { Complaints1765830001000 } from './1765830001000-complaints';
import { Screening1765900000000 } from './1765900000000-screening';
import { DataRequests1765900001000 } from './1765900001000-data-requests';
import { SellerAccounts1765900002000 } from './1765900002000-seller-accounts';
import { SellerIdentity1765910000000 } from './1765910000000-seller-identity';
import { Privacy1766010000000 } from './1766010000000-privacy';
import { SearchPeerProducts1765920000000 } from './1765920000000-search-peer-products';
import { LegalDocuments1766000000000 } from './1766000000000-legal-documents';
import { Retention1766020000000 } from './1766020000000-retention';
import { Orders1766030000000 } from './1766030000000-orders';
import { Shipping1766040000000 } from './1766040000000-shipping';
import { PayoutAccounts1766050000000 } from './1766050000000-payout-accounts';
import { OperatingRulesPayments1766050001000 } from './1766050001000-operating-rules-payments';
import { ComplaintOrders1766120000000 } from './1766120000000-complaint-orders';
import { ShipmentAttention1766120001000 } from './1766120001000-shipment-attention';
import { ReviewPhotos1766120002000 } from './1766120002000-review-photos';
import { Reviews1766080000000 } from './1766080000000-reviews';
import { SearchRatings1766090000000 } from './1766090000000-search-ratings';

/**
 * Every schema change, in order. Each bounded context adds its migration files here
 * (timestamp-prefixed); the schema is never synchronised from entities.
 */
export const MIGRATIONS = [
  Foundation1764300000000,
  EnterprisesCatalog1764400000000,
  Search1764440000000,
  PartnerSync1764450000000,
  Traceability1764460000000,
  NewsBulletins1764500000000,
  SearchNameIndex1764510000000,
  Inquiries1764700000000,
  ActivitySeries1764810000000,
  ProductNameFolded1764811000000,
  PartnerSyncUnlist1764820000000,
  ListingResyncRequested1764830000000,
  SearchNamePrefix1765000000000,
  ChannelAuthBinding1765200000000,
  StampTrust1765300000000,
  StampSheetCache1765300001000,
  LoginThrottle1765350000000,
  AuditLog1765700000000,
  Takedowns1765710000000,
  EmailVerification1765800000000,
  ProductRevision1765800001000,
  Federation1765810000000,
  RateLimitsUnlogged1765830000000,
  Complaints1765830001000,
  Screening1765900000000,
  DataRequests1765900001000,
  SellerAccounts1765900002000,
  SellerIdentity1765910000000,
  SearchPeerProducts1765920000000,
  LegalDocuments1766000000000,
  Privacy1766010000000,
  Retention1766020000000,
  Orders1766030000000,
  Shipping1766040000000,
  PayoutAccounts1766050000000,
  OperatingRulesPayments1766050001000,
  Reviews1766080000000,
  SearchRatings1766090000000,
  ComplaintOrders1766120000000,
  ShipmentAttention1766120001000,
  ReviewPhotos1766120002000,
];
