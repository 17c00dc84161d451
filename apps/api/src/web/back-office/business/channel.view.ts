import { channelByName, type ChannelConnectionDto, type Labels } from '@tradefloor/partner-sync';
import { html, type SafeHtml } from '../../html/html';
import type { Lang, MessageKey, Translate } from '../../i18n/messages';

/** A text a channel declares in both languages, in the page's. */
export function inLang(lang: Lang, labels: Labels): string {
  return labels[lang];
}

/** The name sellers read, as the channel declares it (a channel no longer registered keeps its id). */
export function channelName(lang: Lang, channel: string): string {
  const c = channelByName(channel);
  return c ? inLang(lang, c.labels) : channel;
}

type Tone = 'ok' | 'wait' | 'bad' | 'off';

/** The label always says the state; the colour (business back office badges) only repeats it. */
function badge(tone: Tone, label: string): SafeHtml {
  return html`<span class="badge badge-${tone}">${label}</span>`;
}

export function isPaused(conn: Pick<ChannelConnectionDto, 'pausedUntil'> | undefined, now: Date): boolean {
  return !!conn?.pausedUntil && new Date(conn.pausedUntil) > now;
}

export function connectionBadge(t: Translate, conn: ChannelConnectionDto | undefined, now: Date): SafeHtml {
  if (!conn) return badge('off', t('ch.conn.none'));
  if (conn.status === 'active' && isPaused(conn, now)) return badge('wait', t('ch.conn.paused'));
  const tone: Record<string, Tone> = { active: 'ok', pending: 'wait', needs_reauth: 'bad', disconnecting: 'wait' };
  const known = ['active', 'pending', 'needs_reauth', 'disconnecting'].includes(conn.status);
  return badge(tone[conn.status] ?? 'off', known ? t(`ch.conn.${conn.status}` as MessageKey) : conn.status);
}

const STATE_TONE: Record<string, Tone> = { listed: 'ok', queued: 'wait', syncing: 'wait', delisting: 'wait', rejected: 'bad', failed: 'bad', delisted: 'off' };

export function listingStateBadge(t: Translate, state: string, deadLettered: boolean): SafeHtml {
  const main = badge(STATE_TONE[state] ?? 'off', STATE_TONE[state] ? t(`ch.state.${state}` as MessageKey) : state);
  return deadLettered ? html`${main} ${badge('bad', t('ch.state.dead'))}` : main;
}

const ERROR_CLASSES = ['validation', 'auth', 'signature', 'transient', 'unknown_outcome', 'throttled', 'quota', 'not_found'];

/**
 * A failure in words a seller understands: what it means and what to do (from its class), then
 * the reason recorded by the engine or the partner, which may be the partner's own wording.
 * Without a class (a note such as "channel disconnected") the recorded text is shown alone.
 */
export function readableError(t: Translate, errorClass: string | null, reason: string | null, deadLettered: boolean): SafeHtml {
  if (!errorClass) return reason ? html`<p class="ch-detail">${reason}</p>` : html``;
  const headline = ERROR_CLASSES.includes(errorClass) ? t(`ch.err.${errorClass}` as MessageKey) : t('ch.err.other');
  // Validation and auth headlines already say what to do; for the others, say the retries stopped.
  const stopped = deadLettered && errorClass !== 'validation' && errorClass !== 'auth';
  return html`<p class="ch-why">${headline}${stopped ? html` <strong>${t('ch.err.dead')}</strong>` : ''}</p>
${reason ? html`<p class="ch-detail"><span class="muted">${t('ch.err.details')}:</span> ${reason}</p>` : ''}`;
}
