import { html, type SafeHtml } from '../../html/html';
import type { MessageKey, Translate } from '../../i18n/messages';

/** Badge tone per status: the colour is never the only signal, the label always says it. */
const TONE: Record<string, 'ok' | 'wait' | 'bad' | 'off'> = {
  verified: 'ok',
  published: 'ok',
  listed: 'ok',
  pending_verification: 'wait',
  pending_review: 'wait',
  queued: 'wait',
  syncing: 'wait',
  rejected: 'bad',
  suspended: 'bad',
  failed: 'bad',
  draft: 'off',
  unlisted: 'off',
  archived: 'off',
};

export function statusBadge(t: Translate, scope: 'ent' | 'prod', status: string): SafeHtml {
  return html`<span class="badge badge-${TONE[status] ?? 'off'}">${t(`biz.${scope}.status.${status}` as MessageKey)}</span>`;
}

/** A one-button form that posts an action (submit for review, unlist…) with its CSRF token. */
export function actionButton(action: string, label: string, csrf: SafeHtml, kind: 'primary' | 'secondary' = 'primary'): SafeHtml {
  return html`<form class="button-form" method="post" action="${action}">${csrf}<button type="submit" class="${kind === 'secondary' ? 'secondary' : ''}">${label}</button></form>`;
}

/** A seller page that needs an enterprise first: the way to register one. */
export function needEnterpriseView(t: Translate, title: MessageKey, why: MessageKey): SafeHtml {
  return html`<h1>${t(title)}</h1><p>${t(why)}</p><p><a class="button" href="/quan-ly/doanh-nghiep/moi">${t('biz.ent.create')}</a></p>`;
}
