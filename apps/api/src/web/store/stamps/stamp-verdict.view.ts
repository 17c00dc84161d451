import type { VerificationDto } from '@tradefloor/traceability';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { bizStepLabel } from '../../i18n/biz-steps';
import { fill } from '../../i18n/fill';
import type { MessageKey } from '../../i18n/messages';
import { formatDate, formatDateTime, label } from '../../kit/format';
import { enterpriseUrl, productUrl } from '../../kit/urls';

type Verdict = VerificationDto['verdict'];

const ICONS: Record<Verdict, string> = {
  genuine: '✔',
  warning: '!',
  revoked: '✖',
  unknown: '?',
  seller_unverified: '!',
  seller_suspended: '✖',
  product_unapproved: '!',
  withdrawn: '✖',
  gtin_unconfirmed: '!',
};

export function verdictHeadline(ctx: PageContext, verdict: Verdict): string {
  return ctx.t(`verify.${verdict}.title` as MessageKey);
}

/** What the verdict means for the buyer holding the product, in their language. */
function explanation(ctx: PageContext, v: VerificationDto): SafeHtml {
  const { t } = ctx;
  const enterprise = v.enterprise ? html`<strong>${v.enterprise.name}</strong>` : t('verify.producer');
  switch (v.verdict) {
    case 'genuine':
      return html`${fill(t('verify.genuine.body'), { enterprise })}${v.activated ? '' : html` ${t('verify.notActivated')}`} ${fill(t('verify.scanNumber'), { n: v.scanCount })}`;
    case 'warning':
      return fill(t('verify.warning.body'), { scans: v.scanCount, places: v.distinctPlaces, enterprise });
    case 'revoked':
      return fill(t('verify.revoked.body'), { enterprise });
    case 'unknown':
      return html`${t('verify.unknown.body')}`;
    default:
      // The floor does not (or no longer) vouch for the seller, the product or its GTIN: say which.
      return fill(t(`verify.${v.verdict}.body` as MessageKey), { enterprise });
  }
}

function row(th: string, value: SafeHtml | string | null | undefined): SafeHtml | '' {
  return value ? html`<tr><th scope="row">${th}</th><td>${value}</td></tr>` : '';
}

function productCard(ctx: PageContext, v: VerificationDto): SafeHtml | '' {
  const { t } = ctx;
  const p = v.product;
  if (!p) return '';
  const stars = p.ocopStars
    ? html`<span class="stars" aria-hidden="true">${'★'.repeat(p.ocopStars)}</span> ${fill(t('verify.ocopStars'), { n: p.ocopStars })}${
        p.ocopPotentialFiveStar ? html` · ${t('ocop.potential')}` : ''
      }${p.ocopValidUntil ? html` <span class="muted">(${t('ocop.validUntil')} ${formatDate(p.ocopValidUntil)})</span>` : ''}`
    : null;
  const certs = [...p.certifications, ...(v.batch?.certifications ?? [])];
  const certList = certs.length ? html`<ul>${certs.map((c) => html`<li>${c.type === 'other' ? c.name : label(t, 'cert', c.type)}</li>`)}</ul>` : null;
  return html`<section class="card trace-card" aria-labelledby="v-product"><h2 id="v-product">${t('verify.product')}</h2><table>
${row(t('verify.productName'), html`<strong>${p.name}</strong>`)}
${row(t('verify.maker'), v.enterprise?.name)}
${row(t('verify.ocop'), stars)}
${row(t('verify.gtin'), p.gtin)}
${row(t('verify.otherCerts'), certList)}
</table>
${
  p.listed
    ? html`<p class="trace-links"><a href="${productUrl(p.slug)}">${t('verify.viewProduct')}</a>${
        v.enterprise ? html` · <a href="${enterpriseUrl(v.enterprise.slug)}">${t('product.viewSeller')}</a>` : ''
      }</p>`
    : ''
}</section>`;
}

function batchCard(ctx: PageContext, v: VerificationDto): SafeHtml | '' {
  const { t } = ctx;
  const b = v.batch;
  if (!b) return '';
  return html`<section class="card trace-card" aria-labelledby="v-batch"><h2 id="v-batch">${t('verify.batch')}</h2><table>
${row(t('verify.lot'), b.lotCode)}
${row(t('verify.producedAt'), formatDate(b.producedAt))}
${row(t('verify.expiresAt'), formatDate(b.expiresAt))}
${row(t('verify.origin'), b.originCommuneName)}
</table></section>`;
}

function journey(ctx: PageContext, v: VerificationDto): SafeHtml | '' {
  const { t, lang } = ctx;
  if (!v.events.length) return '';
  return html`<section class="card trace-card" aria-labelledby="v-journey"><h2 id="v-journey">${t('verify.journey')}</h2>
<ol class="timeline">${v.events.map(
    (e) => html`<li><strong>${bizStepLabel(lang, e.bizStep)}</strong>
<div class="muted">${formatDateTime(lang, new Date(e.eventTime))}${e.place ? html` · ${e.place}` : ''}</div>
${e.actor ? html`<div>${e.actor}</div>` : ''}${e.note ? html`<div>${e.note}</div>` : ''}${
      e.photoUrl ? html`<div><a href="${e.photoUrl}" rel="nofollow noopener">${t('verify.photo')}</a></div>` : ''
    }</li>`,
  )}</ol></section>`;
}

/** The verification result in the storefront layout: verdict banner first, then the facts; no script. */
export function verdictBody(ctx: PageContext, v: VerificationDto): SafeHtml {
  const { t } = ctx;
  return html`<div class="verify">
<section class="verdict v-${v.verdict}" data-verdict="${v.verdict}">
<p class="icon" aria-hidden="true">${ICONS[v.verdict]}</p>
<h1>${verdictHeadline(ctx, v.verdict)}</h1>
<p>${explanation(ctx, v)}</p>
</section>
${productCard(ctx, v)}
${batchCard(ctx, v)}
${journey(ctx, v)}
<p class="muted trace-foot">${v.serial ? html`${t('verify.serial')} <code>${v.serial}</code> · ` : ''}${t('verify.by')}</p>
<p><a class="button secondary" href="/kiem-tra-tem">${t('verify.checkAnother')}</a></p>
</div>`;
}
