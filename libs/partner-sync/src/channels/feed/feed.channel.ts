import type { PullChannel } from '../channel.types';

/** A per-enterprise product feed (CSV and JSON) for floors without an API: nothing is pushed. */
export const feedChannel: PullChannel = { kind: 'pull', name: 'feed', displayName: 'Product feed (CSV/JSON)' };
