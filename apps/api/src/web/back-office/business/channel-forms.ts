import type { CategoryNode } from '@tradefloor/catalog';
import type { CandidateProductDto, ChannelConnectionDto, CredentialField, FeedUrlsDto, PushChannel } from '@tradefloor/partner-sync';
import { PARTNER_SHARED_DATA } from '@tradefloor/privacy';
import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { Lang, Translate } from '../../i18n/messages';
import { channelName, inLang } from './channel.view';
import type { FieldErrors } from '../../session/form-validation';
import { errorSummary, many, one, wholeNumber, type Form } from './business-forms';

/** A failed form post on a channel page: which form, its field errors and what was typed (never secrets). */
export interface ChannelProblem {
  section: 'connect' | 'settings' | 'add';
  errors: FieldErrors;
  message?: string;
  form?: Form;
  status: number;
}

const CATEGORY_PREFIX = 'categoryMap.';

/** The credential fields a channel declares (empty for other ways of connecting). */
export function credentialFields(channel: PushChannel): CredentialField[] {
  return channel.auth.kind === 'credentials' ? channel.auth.fields : [];
}

/** The credential fields a push channel asks for, from the posted form (`credentials.<field>`). */
export function credentialsOf(channel: PushChannel, form: Form): Record<string, string> {
  return Object.fromEntries(credentialFields(channel).map((f) => [f.name, one(form, `credentials.${f.name}`) ?? '']));
}

/** A text with `{channel}` in it, for one channel. */
export function forChannel(text: string, lang: Lang, channel: string): string {
  return text.replaceAll('{channel}', channelName(lang, channel));
}

export function credentialsForm(
  t: Translate,
  lang: Lang,
  action: string,
  csrf: SafeHtml,
  channel: PushChannel,
  reconnect: boolean,
  problem?: ChannelProblem,
): SafeHtml {
  const errors = problem?.errors ?? {};
  return html`<form class="stack biz-form" method="post" action="${action}" autocomplete="off">
${csrf}
<p class="hint">${t('ch.connect.creds.intro')}</p>
${errorSummary(t('biz.form.fix'), errors, problem?.message)}
${credentialFields(channel).map((f) => {
  // Secrets are typed into password inputs and never echoed back.
  const name = `credentials.${f.name}`;
  return field({
    name,
    label: inLang(lang, f.label),
    type: f.secret ? 'password' : 'text',
    value: f.secret ? undefined : one(problem?.form ?? {}, name),
    error: errors[name],
    required: true,
    autocomplete: f.secret ? 'new-password' : 'off',
  });
})}
${shareConsentBox(t, lang, channel, errors.shareConsent)}
<button type="submit">${reconnect ? t('ch.connect.reconnect') : t('ch.connect.creds.button')}</button>
</form>`;
}

/** The sharing consent (issue 15): never pre-ticked; lists what is shared and, when abroad, where it goes. */
function shareConsentBox(t: Translate, lang: Lang, channel: PushChannel, error?: string): SafeHtml {
  const abroad = channel.dataCountry !== 'VN' ? html` ${t('ch.connect.consent.abroad')} (${channel.dataCountry}).` : '';
  return html`<div class="field${error ? ' has-error' : ''}"><label class="check"><input type="checkbox" name="shareConsent" value="1"${error ? html` aria-invalid="true"` : ''}> ${forChannel(t('ch.connect.consent'), lang, channel.name)} ${PARTNER_SHARED_DATA}.${abroad}</label>${error ? html`<p class="error">${error}</p>` : ''}</div>`;
}

/** Channels with a consent page at the partner: one button that takes the seller there. */
export function authorizationForm(
  t: Translate,
  lang: Lang,
  action: string,
  csrf: SafeHtml,
  channel: PushChannel,
  reconnect: boolean,
  problem?: ChannelProblem,
): SafeHtml {
  return html`<form method="post" action="${action}">
${csrf}
<p class="hint">${forChannel(t('ch.connect.oauth.intro'), lang, channel.name)}</p>
${errorSummary(t('biz.form.fix'), {}, problem?.message)}
${shareConsentBox(t, lang, channel, problem?.errors?.shareConsent)}
<button type="submit">${reconnect ? t('ch.connect.reconnect') : forChannel(t('ch.connect.oauth.button'), lang, channel.name)}</button>
</form>`;
}

export function feedForm(t: Translate, action: string, csrf: SafeHtml, active: boolean, problem?: ChannelProblem): SafeHtml {
  return html`<form class="stack biz-form" method="post" action="${action}">
${csrf}
<p class="hint">${t('ch.connect.feed.intro')}</p>
${errorSummary(t('biz.form.fix'), {}, problem?.message)}
<label class="check"><input type="checkbox" name="feedPublic" value="1"> ${t('ch.connect.feed.public')}</label>
${active ? html`<p class="hint">${t('ch.connect.feed.rotateHint')}</p>` : ''}
<button type="submit">${active ? t('ch.connect.feed.rotate') : t('ch.connect.feed.button')}</button>
</form>`;
}

/** The feed's addresses: with the token right after it was issued, else as stored (token never shown again). */
export function feedUrls(t: Translate, feed: FeedUrlsDto, justIssued: boolean): SafeHtml {
  const note = justIssued && feed.tokenProtected ? t('ch.feed.copyNow') : feed.tokenProtected ? t('ch.feed.tokenHidden') : t('ch.feed.public');
  return html`<section class="ch-feed" aria-labelledby="feed-urls"><h2 id="feed-urls">${t('ch.feed.title')}</h2>
<p class="${justIssued ? 'alert success' : 'hint'}"${justIssued ? html` role="status"` : ''}>${note}</p>
<dl class="biz-facts">
<dt>${t('ch.feed.csv')}</dt><dd><a class="ch-url" href="${feed.csvUrl}">${feed.csvUrl}</a></dd>
<dt>${t('ch.feed.json')}</dt><dd><a class="ch-url" href="${feed.jsonUrl}">${feed.jsonUrl}</a></dd>
</dl></section>`;
}

/** Categories in tree order with their depth, for one mapping input each. */
function flatten(nodes: CategoryNode[], depth = 0): Array<{ node: CategoryNode; depth: number }> {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

/** The settings body from the form: mapping inputs are `categoryMap.<category id>`, blanks unmapped or cleared. */
export function settingsBody(form: Form): Record<string, unknown> {
  const categoryMap: Record<string, string> = {};
  for (const key of Object.keys(form)) {
    const value = one(form, key)?.trim();
    if (key.startsWith(CATEGORY_PREFIX) && value) categoryMap[key.slice(CATEGORY_PREFIX.length)] = value;
  }
  // The form always shows both fields: an emptied one clears the saved value (null), it does not keep it.
  return {
    categoryMap,
    logisticsChannelId: one(form, 'logisticsChannelId')?.trim() || null,
    defaultWeightGrams: wholeNumber(one(form, 'defaultWeightGrams')) ?? null,
  };
}

/** The label of the logistics (or warehouse) id, as the channel names it. */
export function logisticsLabel(t: Translate, lang: Lang, channel: PushChannel): string {
  return channel.logistics ? inLang(lang, channel.logistics.label) : t('ch.settings.logistics');
}

export function settingsForm(
  t: Translate,
  lang: Lang,
  action: string,
  csrf: SafeHtml,
  channel: PushChannel,
  conn: ChannelConnectionDto,
  categories: CategoryNode[],
  problem?: ChannelProblem,
): SafeHtml {
  const errors = problem?.errors ?? {};
  const posted = problem?.form;
  const map = conn.settings.categoryMap ?? {};
  const value = (name: string, saved: string | number | null | undefined) =>
    posted ? one(posted, name) : saved === undefined || saved === null ? undefined : String(saved);
  return html`<form class="stack biz-form" method="post" action="${action}">
${csrf}
${errorSummary(t('biz.form.fix'), errors, problem?.message)}
<fieldset class="field ch-map"><legend>${t('ch.settings.categories')}</legend>
<p class="hint">${t('ch.settings.categoriesHint')}</p>
${flatten(categories).map(({ node, depth }) => {
  const name = `${CATEGORY_PREFIX}${node.id}`;
  return html`<div class="ch-map-row depth-${Math.min(depth, 3)}">${field({ name, label: node.name, value: value(name, map[node.id]), error: errors[name] })}</div>`;
})}
</fieldset>
${field({
  name: 'logisticsChannelId',
  label: logisticsLabel(t, lang, channel),
  value: value('logisticsChannelId', conn.settings.logisticsChannelId),
  error: errors.logisticsChannelId,
  required: channel.logistics?.required,
  hint: channel.logistics?.required ? t('ch.settings.logisticsRequired') : undefined,
})}
${field({
  name: 'defaultWeightGrams',
  label: t('ch.settings.weight'),
  type: 'number',
  value: value('defaultWeightGrams', conn.settings.defaultWeightGrams),
  error: errors.defaultWeightGrams,
  hint: t('ch.settings.weightHint'),
})}
<button type="submit">${t('ch.settings.save')}</button>
</form>`;
}

export function addProductsForm(
  t: Translate,
  action: string,
  csrf: SafeHtml,
  candidates: { items: CandidateProductDto[]; total: number },
  problem?: ChannelProblem,
): SafeHtml {
  if (!candidates.items.length) return html`<p>${t('ch.add.none')}</p>`;
  const checked = new Set(problem ? many(problem.form ?? {}, 'productIds') : []);
  const error = problem?.errors.productIds;
  return html`<form class="stack biz-form" method="post" action="${action}">
${csrf}
<input type="hidden" name="mode" value="add">
${errorSummary(t('biz.form.fix'), {}, problem?.message)}
<fieldset class="field checks${error ? ' has-error' : ''}" id="f-productIds"${error ? html` aria-describedby="f-productIds-error"` : ''}><legend>${t('ch.add.legend')}</legend>
<p class="hint">${t('ch.add.hint')}</p>
${candidates.items.map(
  (p) =>
    html`<label class="check"><input type="checkbox" name="productIds" value="${p.id}"${checked.has(p.id) ? html` checked` : ''}> ${p.name} <span class="muted">(${p.sku})</span></label>`,
)}
${error ? html`<p class="error" id="f-productIds-error">${error}</p>` : ''}
</fieldset>
${candidates.total > candidates.items.length ? html`<p class="hint">${t('ch.add.more')}: ${candidates.total}</p>` : ''}
<button type="submit">${t('ch.add.submit')}</button>
</form>`;
}
