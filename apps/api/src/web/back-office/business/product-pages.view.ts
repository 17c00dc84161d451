import type { CategoriesService, ProductDto } from '@tradefloor/catalog';
import type { CommuneDirectory, EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { html, type SafeHtml } from '../../html/html';
import type { MessageKey, Translate } from '../../i18n/messages';
import { formatVnd } from '../../kit/format';
import type { FieldErrors } from '../../session/form-validation';
import { errorSummary, type Form } from './business-forms';
import { actionButton, statusBadge } from './business.view';
import { enterpriseSwitch } from './enterprise-choice';
import { renderProductForm } from './product-form';

export const PRODUCTS_PATH = '/quan-ly/san-pham';
const BASE = PRODUCTS_PATH;
/** The owner's lifecycle buttons: path segment → lifecycle action. */
export const PRODUCT_ACTIONS = { 'gui-duyet': 'submit', 'ngung-ban': 'unlist', 'ban-lai': 'relist' } as const;

/** The products of the chosen enterprise, with the ways to add one or import a CSV. */
export function productListView(t: Translate, mine: EnterpriseEntity[], current: EnterpriseEntity, items: ProductDto[]): SafeHtml {
  return html`<h1>${t('biz.prod.title')}</h1>
${enterpriseSwitch(t, mine, current, BASE)}
<h2>${current.displayName}</h2>
<p class="actions"><a class="button" href="${BASE}/moi?dn=${current.id}">${t('biz.prod.create')}</a> <a class="button secondary" href="${BASE}/nhap-csv?dn=${current.id}">${t('biz.import.title')}</a></p>
${items.length ? html`<ul class="biz-list">${items.map((p) => productListItem(t, p))}</ul>` : html`<p>${t('biz.prod.none')}</p>`}`;
}

function productListItem(t: Translate, p: ProductDto): SafeHtml {
  const thumb = p.images[0]?.thumbnailUrl;
  return html`<li class="biz-item biz-product">
${thumb ? html`<img src="${thumb}" alt="" width="72" height="72" loading="lazy">` : html`<span class="biz-noimg" aria-hidden="true"></span>`}
<div><h3><a href="${BASE}/${p.id}">${p.name}</a></h3>
<p>${statusBadge(t, 'prod', p.status)} <span class="price">${formatVnd(p.priceVnd)}</span> / ${p.unit} · ${t('biz.prod.stock')}: ${p.stockQuantity}</p>
${p.status === 'rejected' && p.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${p.rejectionReason}</p>` : ''}
</div></li>`;
}

/** One product: its state and next step, the lifecycle buttons, its facts and its photos. */
export function productDetailView(t: Translate, p: ProductDto, d: { notice?: string; imageError?: string; csrf: SafeHtml }): SafeHtml {
  const { notice, imageError, csrf } = d;
  return html`<p><a href="${BASE}?dn=${p.enterpriseId}">← ${t('biz.prod.back')}</a></p>
<h1>${p.name}</h1>
${notice ? html`<p class="alert success" role="status">${notice}</p>` : ''}
<section class="biz-status" aria-labelledby="st"><h2 id="st">${t('biz.status')}</h2>
<p>${statusBadge(t, 'prod', p.status)}</p>
${p.status === 'rejected' && p.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${p.rejectionReason}</p>` : ''}
<p>${t(`biz.prod.next.${p.status}` as MessageKey)}</p>
<div class="actions">
${p.status === 'draft' || p.status === 'rejected' ? actionButton(`${BASE}/${p.id}/gui-duyet`, t('biz.prod.submit'), csrf) : ''}
${p.status === 'published' ? actionButton(`${BASE}/${p.id}/ngung-ban`, t('biz.prod.unlist'), csrf, 'secondary') : ''}
${p.status === 'unlisted' ? actionButton(`${BASE}/${p.id}/ban-lai`, t('biz.prod.relist'), csrf) : ''}
${p.status !== 'archived' ? html`<a class="button secondary" href="${BASE}/${p.id}/sua">${t('biz.edit')}</a>` : ''}
</div></section>
<section aria-labelledby="facts"><h2 id="facts">${t('biz.prod.info')}</h2>
<dl class="biz-facts"><dt>${t('biz.prod.price')}</dt><dd class="price">${formatVnd(p.priceVnd)} / ${p.unit}</dd>
<dt>${t('biz.prod.stock')}</dt><dd>${p.stockQuantity}</dd><dt>${t('biz.prod.sku')}</dt><dd>${p.sku}</dd>
${p.gtin ? html`<dt>${t('biz.prod.gtin')}</dt><dd>${p.gtin}</dd>` : ''}</dl></section>
<section aria-labelledby="img"><h2 id="img">${t('biz.image.title')}</h2>
${
  p.images.length
    ? html`<ul class="biz-thumbs">${p.images.map(
        (i, n) => html`<li><img src="${i.thumbnailUrl}" alt="${t('biz.image.alt')} ${n + 1}: ${p.name}" width="120" height="120" loading="lazy">
${actionButton(`${BASE}/${p.id}/anh/${i.id}/xoa`, t('biz.image.delete'), csrf, 'secondary')}</li>`,
      )}</ul>`
    : html`<p>${t('biz.image.none')}</p>`
}
${errorSummary(t('biz.form.fix'), imageError ? { file: imageError } : {})}
<form class="stack" method="post" action="${BASE}/${p.id}/anh" enctype="multipart/form-data">
${csrf}
<div class="field${imageError ? ' has-error' : ''}"><label for="f-file">${t('biz.image.choose')}</label>
<p class="hint" id="f-file-hint">${t('biz.image.hint')}</p>
<input id="f-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" required aria-describedby="f-file-hint"${imageError ? html` aria-invalid="true"` : ''}></div>
<button type="submit">${t('biz.image.upload')}</button>
</form></section>`;
}

/** The create/edit page around the product form. */
export function productFormView(
  t: Translate,
  title: string,
  enterprise: EnterpriseEntity,
  product: ProductDto | undefined,
  d: {
    csrf: SafeHtml;
    form: Form;
    errors: FieldErrors;
    message?: string;
    categories: Awaited<ReturnType<CategoriesService['tree']>>;
    communes: Awaited<ReturnType<CommuneDirectory['communesOf']>>;
  },
): SafeHtml {
  const { csrf, form, errors, message, categories, communes } = d;
  return html`<h1>${title}</h1>
<p class="muted">${enterprise.displayName} · ${t('biz.form.required')}</p>
${renderProductForm(t, {
  action: product ? `${BASE}/${product.id}/sua` : `${BASE}/moi`,
  csrf,
  form,
  errors,
  message,
  categories,
  communes,
  enterpriseId: product ? undefined : enterprise.id,
  submitLabel: product ? t('biz.save') : t('biz.prod.createSubmit'),
})}`;
}
