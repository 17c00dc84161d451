import type { CategoryNode } from '@tradefloor/catalog';
import type { CandidateProductDto, ChannelConnectionDto, FeedUrlsDto, PushChannel } from '@tradefloor/partner-sync';
import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { MessageKey, Translate } from '../../i18n/messages';
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
const KNOWN_CREDENTIALS = new Set(['username', 'password', 'apiKey', 'apiSecret']);
/** Credential fields that are secrets: typed into password inputs, never echoed back. */
const SECRET_FIELD = /password|secret|token/i;

function credentialLabel(t: Translate, name: string): string {
  return KNOWN_CREDENTIALS.has(name) ? t(`ch.cred.${name}` as MessageKey) : name;
}

/** The credential fields a push channel asks for, from the posted form (`credentials.<field>`). */
export function credentialsOf(channel: PushChannel, form: Form): Record<string, string> {
  return Object.fromEntries(channel.credentialFields.map((f) => [f, one(form, `credentials.${f}`) ?? '']));
}

export function credentialsForm(t: Translate, action: string, csrf: SafeHtml, channel: PushChannel, reconnect: boolean, problem?: ChannelProblem): SafeHtml {
  const errors = problem?.errors ?? {};
  return html`<form class="stack biz-form" method="post" action="${action}" autocomplete="off">
${csrf}
<p class="hint">${t('ch.connect.creds.intro')}</p>
${errorSummary(t('biz.form.fix'), errors, problem?.message)}
${channel.credentialFields.map((f) => {
  const secret = SECRET_FIELD.test(f);
  return field({
    name: `credentials.${f}`,
    label: credentialLabel(t, f),
    type: secret ? 'password' : 'text',
    value: secret ? undefined : one(problem?.form ?? {}, `credentials.${f}`),
    error: errors[`credentials.${f}`],
    required: true,
    autocomplete: secret ? 'new-password' : 'off',
  });
})}
<button type="submit">${reconnect ? t('ch.connect.reconnect') : t('ch.connect.creds.button')}</button>
</form>`;
}

export function shopeeForm(t: Translate, action: string, csrf: SafeHtml, reconnect: boolean, problem?: ChannelProblem): SafeHtml {
  return html`<form method="post" action="${action}">
${csrf}
<p class="hint">${t('ch.connect.shopee.intro')}</p>
${errorSummary(t('biz.form.fix'), {}, problem?.message)}
<button type="submit">${reconnect ? t('ch.connect.reconnect') : t('ch.connect.shopee.button')}</button>
</form>`;
}

export function feedForm(t: Translate, action: string, csrf: SafeHtml, active: boolean, problem?: ChannelProblem): SafeHtml {
  return html`<form class="stack biz-form" method="post" action="${action}">
${csrf}
<p class="hint">${t('ch.connect.feed.intro')}</p>
${errorSummary(t('biz.form.fix'), {}, problem?.message)}
<label class="check"><input type="checkbox" name="feedToken" value="1" checked> ${t('ch.connect.feed.token')}</label>
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

export function settingsForm(
  t: Translate,
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
  label: t('ch.settings.logistics'),
  value: value('logisticsChannelId', conn.settings.logisticsChannelId),
  error: errors.logisticsChannelId,
  required: channel.requiresLogistics,
  hint: channel.requiresLogistics ? t('ch.settings.logisticsRequired') : undefined,
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
