import type { RestMappingConfig } from '../rest-mapping/rest-mapping.config';

/**
 * OUR default contract for Voso (Viettel), which publishes no listing API: documented in
 * docs/partners/voso.md. To follow Voso's real spec, change this object only.
 */
export const VOSO_CONTRACT: RestMappingConfig = {
  name: 'voso',
  displayName: 'Voso',
  labels: { vi: 'Voso (Viettel)', en: 'Voso (Viettel)' },
  dataCountry: 'VN',
  env: {
    baseUrl: { name: 'VOSO_BASE_URL', default: 'https://partner-api.voso.vn' },
    ratePerSecond: { name: 'VOSO_RATE_PER_SECOND', default: 5 },
  },
  // A Vietnamese partner: its daily quota is assumed to reset at midnight Vietnam time.
  quotaResetTimeZone: 'Asia/Ho_Chi_Minh',
  credentialFields: [
    { name: 'username', label: { vi: 'Tên đăng nhập', en: 'Username' } },
    { name: 'password', label: { vi: 'Mật khẩu', en: 'Password' }, secret: true },
  ],
  auth: {
    type: 'login-token',
    login: { method: 'POST', path: '/v1/auth/login' },
    body: { username: 'username', password: 'password' },
    tokenPath: 'access_token',
    expiresInPath: 'expires_in',
    header: 'Authorization',
    scheme: 'Bearer',
  },
  endpoints: {
    create: { method: 'POST', path: '/v1/products' },
    update: { method: 'PUT', path: '/v1/products/{externalId}' },
    price: { method: 'PUT', path: '/v1/products/{externalId}/price' },
    stock: { method: 'PUT', path: '/v1/products/{externalId}/stock' },
    delist: { method: 'POST', path: '/v1/products/{externalId}/hide' },
    relist: { method: 'POST', path: '/v1/products/{externalId}/show' },
    get: { method: 'GET', path: '/v1/products/{externalId}' },
    list: {
      method: 'GET',
      path: '/v1/products',
      cursorParam: 'page',
      firstCursor: '1',
      pageSizeParam: 'page_size',
      pageSize: 50,
      itemsPath: 'items',
      nextCursorPath: 'next_page',
    },
    searchBySku: { method: 'GET', path: '/v1/products?sku={sku}', itemsPath: 'items' },
  },
  fields: {
    item: {
      name: 'name',
      sku: 'sku',
      description: 'description',
      price: 'priceVnd',
      stock: 'stock',
      weight_gram: 'weightGrams',
      category_id: 'partnerCategoryId',
      images: 'imageUrls',
    },
    price: { price: 'priceVnd' },
    stock: { stock: 'stock' },
  },
  remote: {
    idPath: 'id',
    skuPath: 'sku',
    statusPath: 'status',
    activeValues: ['active'],
    unlistedValues: ['hidden'],
    pricePath: 'price',
    stockPath: 'stock',
    urlPath: 'url',
  },
  envelope: {
    successPath: 'success',
    successValue: true,
    dataPath: 'data',
    errorCodePath: 'error.code',
    errorMessagePath: 'error.message',
    errorClasses: {
      UNAUTHORIZED: 'auth',
      TOKEN_EXPIRED: 'auth',
      RATE_LIMITED: 'throttled',
      QUOTA_EXCEEDED: 'quota',
      VALIDATION_ERROR: 'validation',
      NOT_FOUND: 'not_found',
      INTERNAL_ERROR: 'transient',
      UNAVAILABLE: 'transient',
    },
  },
  limits: { maxNameLength: 200, maxImages: 10 },
};
