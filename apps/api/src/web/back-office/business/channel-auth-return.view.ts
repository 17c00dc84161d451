import { html, type SafeHtml } from '../../html/html';
import type { Translate } from '../../i18n/messages';
import { CHANNELS_PATH } from './channel-listings.view';

/** A partner's authorization did not complete: why, and the way back to try again. */
export function authorizationFailedView(t: Translate, message: string, tryAgain: string): SafeHtml {
  return html`<p class="alert error" role="alert">${message}</p><p>${tryAgain}</p>
<p><a class="button" href="${CHANNELS_PATH}">${t('ch.back')}</a></p>`;
}

/** The same-site hop that brings back the session cookie a cross-site return does not carry. */
export function continueAuthorizationView(t: Translate, next: string): SafeHtml {
  return html`<p><a class="button" href="${next}">${t('ch.auth.continue')}</a></p>`;
}

/** A page of the authorization return: its heading over the body. */
export function authorizationReturnView(heading: string, body: SafeHtml): SafeHtml {
  return html`<h1>${heading}</h1>${body}`;
}
