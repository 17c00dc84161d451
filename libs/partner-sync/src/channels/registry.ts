import type { Channel, PushChannel } from './channel.types';
import { feedChannel } from './feed/feed.channel';
import { postmartChannel } from './postmart/postmart.channel';
import { shopeeChannel } from './shopee/shopee.channel';
import { tiktokShopChannel } from './tiktok-shop/tiktok-shop.channel';
import { vosoChannel } from './voso/voso.channel';

/** Every channel, in the order the pages show them; adding one = its folder + one line here. */
export const CHANNELS: readonly Channel[] = [shopeeChannel, tiktokShopChannel, vosoChannel, postmartChannel, feedChannel];

export const CHANNEL_NAMES = CHANNELS.map((c) => c.name);

export function channelByName(name: string): Channel | undefined {
  return CHANNELS.find((c) => c.name === name);
}

export function pushChannel(name: string): PushChannel | undefined {
  const c = channelByName(name);
  return c?.kind === 'push' ? c : undefined;
}
