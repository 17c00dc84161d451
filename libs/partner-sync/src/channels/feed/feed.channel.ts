import { NO_CONFIG, type PullChannel } from '../channel.types';

/** A per-enterprise product feed (CSV and JSON) for floors without an API: nothing is pushed. */
export const feedChannel: PullChannel<Record<string, never>> = {
  kind: 'pull',
  name: 'feed',
  displayName: 'Product feed (CSV/JSON)',
  labels: { vi: 'Nguồn cấp sản phẩm (CSV/JSON)', en: 'Product feed (CSV/JSON)' },
  dataCountry: 'VN',
  config: NO_CONFIG,
  auth: { kind: 'none' },
  urls(publicBaseUrl, slug, token, tokenProtected) {
    const base = `${publicBaseUrl}/feeds/enterprises/${slug}/products`;
    const q = token ? `?token=${token}` : '';
    return { csvUrl: `${base}.csv${q}`, jsonUrl: `${base}.json${q}`, tokenProtected };
  },
};
