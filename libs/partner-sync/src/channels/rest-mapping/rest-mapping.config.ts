import type { CredentialField, ErrorClass, Labels, OutboundItem } from '../channel.types';

export interface EndpointTemplate {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the base URL; `{externalId}` and `{sku}` are filled in (URL-encoded). */
  path: string;
}

/** Where a partner field's value comes from: a field of the outbound item, or a constant. */
export type FieldSource = keyof OutboundItem | { const: string | number | boolean };

export type AuthStrategy =
  | {
      type: 'login-token';
      login: EndpointTemplate;
      /** Partner body field → credential field. */
      body: Record<string, string>;
      tokenPath: string;
      expiresInPath?: string;
      header: string;
      scheme: string;
    }
  | {
      type: 'hmac';
      keyHeader: string;
      timestampHeader: string;
      signatureHeader: string;
      /** Credential fields holding the key id and the secret. */
      keyField: string;
      secretField: string;
      /** Signed string: METHOD \n path-with-query \n timestamp \n body; hex HMAC-SHA256. */
    };

/**
 * A partner without a published API, described as data: auth, endpoints, field and envelope
 * mapping, limits. Remapping to a partner's real spec changes only this object.
 */
export interface RestMappingConfig {
  name: string;
  displayName: string;
  labels: Labels;
  /** ISO country where the partner stores the data (see ChannelBase.dataCountry). */
  dataCountry: string;
  /** The channel's own variables: its base URL and its pace per account. */
  env: {
    baseUrl: { name: string; default: string };
    ratePerSecond: { name: string; default: number };
  };
  /** Daily quotas (QUOTA_EXCEEDED-like codes) reset at 00:00 in this IANA time zone. */
  quotaResetTimeZone: string;
  credentialFields: CredentialField[];
  auth: AuthStrategy;
  endpoints: {
    create: EndpointTemplate;
    update: EndpointTemplate;
    price: EndpointTemplate;
    stock: EndpointTemplate;
    /** Hide / show again; `body` is sent as is. */
    delist: EndpointTemplate & { body?: Record<string, unknown> };
    relist: EndpointTemplate & { body?: Record<string, unknown> };
    get: EndpointTemplate;
    list: EndpointTemplate & { cursorParam: string; firstCursor: string; pageSizeParam: string; pageSize: number; itemsPath: string; nextCursorPath: string };
    searchBySku: EndpointTemplate & { itemsPath: string };
  };
  fields: {
    /** Partner field path → source, for create and update. */
    item: Record<string, FieldSource>;
    price: Record<string, FieldSource>;
    stock: Record<string, FieldSource>;
  };
  /** Reading a partner item. */
  remote: {
    idPath: string;
    skuPath: string;
    statusPath: string;
    activeValues: string[];
    unlistedValues: string[];
    pricePath?: string;
    stockPath?: string;
    urlPath?: string;
  };
  envelope: {
    /** Success when the value at successPath equals successValue. */
    successPath: string;
    successValue: unknown;
    dataPath: string;
    errorCodePath: string;
    errorMessagePath: string;
    /** Partner error code → error class; unknown codes are transient. */
    errorClasses: Record<string, ErrorClass>;
  };
  limits: { maxNameLength: number; maxImages: number };
}
