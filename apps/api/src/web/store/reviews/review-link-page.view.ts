import type { ReviewLinkLines } from '@tradefloor/reviews';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import type { FieldErrors } from '../../session/form-validation';

export const REVIEW_PATH = '/danh-gia';

/** What the page shows besides the lines: a success flash, the form posted again, an error. */
export interface ReviewPageState {
  flash?: string;
  form?: ReviewFormState;
  message?: string;
  /** The photo form of one reviewed line refused what was sent. */
  photoError?: { productId: string; message: string };
}

/** The line whose form was posted, with what was typed and the field errors. */
export interface ReviewFormState {
  productId: string;
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

function stars(ctx: PageContext, line: string, name: 'productStars' | 'sellerStars', legend: string, state?: ReviewFormState): SafeHtml {
  const error = state?.errors[name];
  const id = `f-${name}-${line}`;
  return html`<fieldset class="stars${error ? ' has-error' : ''}"${error ? html` aria-describedby="${id}-error"` : ''}><legend>${legend}</legend>
${[5, 4, 3, 2, 1].map(
  (n) => html`<label><input type="radio" name="${name}" value="${n}"${state?.values[name] === String(n) ? html` checked` : ''} required> ${n} ★</label> `,
)}
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}</fieldset>`;
}

/** A reviewed line: its optional photo can be added, replaced or removed (it waits for staff). */
function reviewedLine(ctx: PageContext, action: string, line: ReviewLinkLines['lines'][number], csrf: () => SafeHtml, error?: string): SafeHtml {
  const { t } = ctx;
  const id = `f-photo-${line.productId}`;
  const status = line.photoStatus === 'pending' ? t('ord.review.photoPending') : line.photoStatus === 'approved' ? t('ord.review.photoApproved') : '';
  return html`<section class="reviewed" aria-labelledby="rv-${line.productId}"><h2 id="rv-${line.productId}">${line.productName}: ${t('ord.review.done')}</h2>
${status ? html`<p>${status}</p>` : ''}
<form method="post" action="${action}/anh" enctype="multipart/form-data" class="stack">${csrf()}<input type="hidden" name="productId" value="${line.productId}">
<div class="field${error ? ' has-error' : ''}"><label for="${id}">${t(line.photoStatus ? 'ord.review.photoReplace' : 'ord.review.photo')}</label>
<input id="${id}" type="file" name="file" accept="image/jpeg,image/png,image/webp" required${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}</div>
<button type="submit">${t('ord.review.photoSend')}</button></form>
${
  line.photoStatus
    ? html`<form method="post" action="${action}/anh/xoa">${csrf()}<input type="hidden" name="productId" value="${line.productId}"><button type="submit" class="secondary">${t('ord.review.photoRemove')}</button></form>`
    : ''
}</section>`;
}

/** The review page of a signed link: one form per completed line not yet reviewed, a photo form per reviewed one. */
export function reviewPage(ctx: PageContext, token: string, data: ReviewLinkLines, csrf: () => SafeHtml, shown: ReviewPageState = {}): string {
  const { flash, form: state, message, photoError } = shown;
  const { t } = ctx;
  const action = `${REVIEW_PATH}/${token}`;
  const open = data.lines.filter((l) => !l.reviewed);
  const body = html`<h1>${t('ord.review.title')}</h1>
${flash ? alert(flash, 'success') : ''}${alert(message)}
<p>${t('ord.review.intro')}</p>
<dl class="facts"><div><dt>${t('ord.order.code')}</dt><dd><code>${data.subOrderCode}</code></dd></div>
<div><dt>${t('ord.review.seller')}</dt><dd>${data.enterpriseName}</dd></div></dl>
${data.lines.filter((l) => l.reviewed).map((l) => reviewedLine(ctx, action, l, csrf, photoError?.productId === l.productId ? photoError.message : undefined))}
${
  open.length
    ? open.map((l) => {
        const mine = state?.productId === l.productId ? state : undefined;
        const textError = mine?.errors.text;
        const textId = `f-text-${l.productId}`;
        return html`<section class="review-line" aria-labelledby="rl-${l.productId}"><h2 id="rl-${l.productId}">${l.productName}</h2>
<form method="post" action="${action}" class="stack">${csrf()}<input type="hidden" name="productId" value="${l.productId}">
${mine?.errors.productId ? alert(mine.errors.productId) : ''}
${stars(ctx, l.productId, 'productStars', t('ord.review.productStars'), mine)}
${stars(ctx, l.productId, 'sellerStars', t('ord.review.sellerStars'), mine)}
<div class="field${textError ? ' has-error' : ''}"><label for="${textId}">${t('ord.review.text')}</label>
<textarea id="${textId}" name="text" rows="4" minlength="10" maxlength="3000" required${textError ? html` aria-invalid="true" aria-describedby="${textId}-error"` : ''}>${mine?.values.text ?? ''}</textarea>
${textError ? html`<p class="error" id="${textId}-error">${textError}</p>` : ''}</div>
<button type="submit">${t('ord.review.submit')}</button>
</form></section>`;
      })
    : html`<p>${t('ord.review.allDone')}</p>`
}`;
  return layout(ctx, { title: t('ord.review.title'), description: t('ord.review.intro'), path: REVIEW_PATH, noindex: true }, body);
}
