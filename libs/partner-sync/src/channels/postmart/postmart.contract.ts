import type { RestMappingConfig } from '../rest-mapping/rest-mapping.config';

/**
 * OUR default contract for Postmart (VNPost), which publishes no listing API: documented in
 * docs/partners/postmart.md. To follow Postmart's real spec, change this object only.
 */
export const POSTMART_CONTRACT: RestMappingConfig = {
  name: 'postmart',
  displayName: 'Postmart',
  labels: { vi: 'Postmart (Bưu điện)', en: 'Postmart (VNPost)' },
  dataCountry: 'VN',
  env: {
    baseUrl: { name: 'POSTMART_BASE_URL', default: 'https://partner-api.postmart.vn' },
    ratePerSecond: { name: 'POSTMART_RATE_PER_SECOND', default: 5 },
  },
  // A Vietnamese partner: its daily quota is assumed to reset at midnight Vietnam time.
  quotaResetTimeZone: 'Asia/Ho_Chi_Minh',
  credentialFields: [
    { name: 'apiKey', label: { vi: 'Khóa API (API key)', en: 'API key' } },
    { name: 'apiSecret', label: { vi: 'Mã bí mật API (API secret)', en: 'API secret' }, secret: true },
  ],
  auth: {
    type: 'hmac',
    keyHeader: 'X-PM-Key',
    timestampHeader: 'X-PM-Timestamp',
    signatureHeader: 'X-PM-Signature',
    keyField: 'apiKey',
    secretField: 'apiSecret',
  },
  endpoints: {
    create: { method: 'POST', path: '/openapi/items' },
    update: { method: 'PUT', path: '/openapi/items/{externalId}' },
    price: { method: 'PATCH', path: '/openapi/items/{externalId}/price' },
    stock: { method: 'PATCH', path: '/openapi/items/{externalId}/quantity' },
    delist: { method: 'PATCH', path: '/openapi/items/{externalId}/status', body: { status: 'off' } },
    relist: { method: 'PATCH', path: '/openapi/items/{externalId}/status', body: { status: 'on' } },
    get: { method: 'GET', path: '/openapi/items/{externalId}' },
    list: {
      method: 'GET',
      path: '/openapi/items',
      cursorParam: 'offset',
      firstCursor: '0',
      pageSizeParam: 'limit',
      pageSize: 100,
      itemsPath: 'items',
      nextCursorPath: 'next_offset',
    },
    searchBySku: { method: 'GET', path: '/openapi/items?seller_sku={sku}', itemsPath: 'items' },
  },
  fields: {
    item: {
      title: 'name',
      seller_sku: 'sku',
      content: 'description',
      sale_price: 'priceVnd',
      quantity: 'stock',
      'shipping.weight_gram': 'weightGrams',
      category_code: 'partnerCategoryId',
      image_urls: 'imageUrls',
    },
    price: { sale_price: 'priceVnd' },
    stock: { quantity: 'stock' },
  },
  remote: {
    idPath: 'item_id',
    skuPath: 'seller_sku',
    statusPath: 'status',
    activeValues: ['on'],
    unlistedValues: ['off'],
    pricePath: 'sale_price',
    stockPath: 'quantity',
    urlPath: 'link',
  },
  envelope: {
    successPath: 'code',
    successValue: 0,
    dataPath: 'result',
    errorCodePath: 'code',
    errorMessagePath: 'message',
    errorClasses: {
      '1001': 'signature',
      '1002': 'signature',
      '1003': 'auth',
      '2001': 'validation',
      '2004': 'not_found',
      '4290': 'throttled',
      '4291': 'quota',
      '5000': 'transient',
      '5030': 'transient',
    },
  },
  limits: { maxNameLength: 150, maxImages: 8 },
};
