import type { ProductView } from '@tradefloor/catalog';
import { createHash } from 'node:crypto';
import type { ChannelSettings, OutboundItem, PushChannel } from '../channels/channel.types';

export type OutboundResult = { ok: true; item: OutboundItem } | { ok: false; problems: string[] };

/** Maps a product to what a channel pushes, and checks the channel's mapping and rules before any call. */
export function buildOutbound(view: ProductView, settings: ChannelSettings, channel: PushChannel, publicBaseUrl: string): OutboundResult {
  const problems: string[] = [];
  const map = settings.categoryMap ?? {};
  const mapped = [...view.categoryIds]
    .reverse()
    .map((id) => map[id])
    .find((v) => v !== undefined && v !== '');
  if (!mapped) {
    problems.push(
      `Chưa ánh xạ danh mục "${view.categoryNames.join(' › ') || view.categoryId}" sang danh mục của ${channel.displayName} (no category mapping for this product's category)`,
    );
  }
  const weightGrams = view.weightGrams ?? settings.defaultWeightGrams;
  if (!weightGrams) problems.push('Thiếu khối lượng sản phẩm và khối lượng mặc định của kênh (weight missing: set it on the product or a channel default)');
  if (channel.logistics?.required && !settings.logisticsChannelId) {
    problems.push(`Chưa điền "${channel.logistics.label.vi}" cho ${channel.displayName} (${channel.logistics.label.en} not configured)`);
  }
  if (!Number.isInteger(view.priceVnd) || view.priceVnd <= 0) problems.push('Giá phải là số nguyên dương (price must be a positive integer)');
  if (problems.length) return { ok: false, problems };
  const item: OutboundItem = {
    sku: view.sku,
    name: view.name,
    description: view.descriptionText || view.name,
    priceVnd: view.priceVnd,
    stock: view.stockQuantity,
    weightGrams: weightGrams!,
    partnerCategoryId: mapped!,
    logisticsChannelId: settings.logisticsChannelId,
    imageUrls: view.imageUrls.map((u) => (/^https?:\/\//.test(u) ? u : `${publicBaseUrl}${u}`)),
  };
  // The partner's own rules (title length, price range…), checked before any call.
  const refused = channel.validate?.(item) ?? [];
  return refused.length ? { ok: false, problems: refused } : { ok: true, item };
}

/** Hash of the content a channel pushes with update_item (price and stock have their own calls). */
export function contentHash(item: OutboundItem): string {
  const { priceVnd: _p, stock: _s, ...content } = item;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}
