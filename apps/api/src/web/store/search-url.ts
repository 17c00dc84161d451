/** The search page's parameters, in the order they appear in sharable URLs. */
export const SEARCH_PARAMS = [
  'q',
  'scope',
  'province',
  'category',
  'commune',
  'ocopMin',
  'certification',
  'priceMin',
  'priceMax',
  'enterpriseKind',
  'inStock',
  'sort',
  'page',
] as const;
export type SearchParam = (typeof SEARCH_PARAMS)[number];
export type SearchState = Partial<Record<SearchParam, string>>;

/** The raw (unvalidated) values of the known parameters, first value wins for repeated keys. */
export function searchState(query: unknown): SearchState {
  const raw = (query ?? {}) as Record<string, unknown>;
  const state: SearchState = {};
  for (const key of SEARCH_PARAMS) {
    const v = Array.isArray(raw[key]) ? (raw[key] as unknown[])[0] : raw[key];
    if (typeof v === 'string' && v.trim() !== '') state[key] = v.trim();
  }
  return state;
}

/** `/tim-kiem?…` for the state with `changes` applied (undefined removes a parameter). */
export function searchUrl(state: SearchState, changes: SearchState = {}): string {
  const merged: SearchState = { ...state, ...changes };
  // Any change other than the page itself starts again at page 1.
  if (!('page' in changes)) delete merged.page;
  const params = new URLSearchParams();
  for (const key of SEARCH_PARAMS) {
    const v = merged[key];
    if (v !== undefined && v !== '' && !(key === 'page' && v === '1')) params.set(key, v);
  }
  const qs = params.toString();
  return qs ? `/tim-kiem?${qs}` : '/tim-kiem';
}
