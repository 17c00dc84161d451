import { html, type SafeHtml } from '../../../html/html';
import { fillText } from '../../../i18n/fill';
import type { MessageKey, Translate } from '../../../i18n/messages';

export const TRACE_BASE = '/quan-ly/truy-xuat';

export const batchPath = (id: string): string => `${TRACE_BASE}/lo/${id}`;

const TONE: Record<string, string> = { issued: 'off', activated: 'ok', revoked: 'bad' };

/** A stamp state as a badge (the label always says it; colour is never the only signal). */
export function stateBadge(t: Translate, state: string): SafeHtml {
  return html`<span class="badge badge-${TONE[state] ?? 'off'}">${t(`trace.state.${state}` as MessageKey)}</span>`;
}

/**
 * A scan's coarse place as the owner may read it: the proxy's region name, or a short tag of the
 * hashed network (enough to tell "the same place" from "another place", nothing more).
 */
export function placeLabel(t: Translate, place: string | null): string {
  if (!place) return '—';
  if (place.startsWith('region:')) return fillText(t('trace.place.region'), { region: place.slice('region:'.length) });
  if (place.startsWith('net:')) return fillText(t('trace.place.net'), { id: place.slice('net:'.length, 'net:'.length + 6) });
  return place;
}

/**
 * The CSV and PDF links of a batch's stamps, optionally for one range of sequence numbers.
 * `short` (in a table of ranges) names just the format; the row and column say the rest.
 */
export function downloadLinks(t: Translate, batchId: string, range?: { fromSeq: number; toSeq: number }, style: 'long' | 'short' = 'long'): SafeHtml {
  const query = range ? `?fromSeq=${range.fromSeq}&toSeq=${range.toSeq}` : '';
  const [csv, pdf] = style === 'short' ? ['CSV', 'PDF'] : [t('trace.csv'), t('trace.pdf')];
  return html`<a href="${batchPath(batchId)}/tem.csv${query}" download>${csv}</a> · <a href="${batchPath(batchId)}/tem.pdf${query}" download>${pdf}</a>`;
}
