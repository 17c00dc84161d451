import type { Lang, Translate } from '../i18n/messages';
import { html, type SafeHtml } from './html';
import { formatDateTime } from '../kit/format';
import type { LegalChrome } from './legal-chrome';

export interface PageMeta {
  title: string;
  description: string;
  /** Path of this page (canonical URL and Open Graph). */
  path: string;
  image?: string;
  ogType?: 'website' | 'article' | 'product' | 'profile';
  structuredData?: SafeHtml;
  /** Pages that must stay out of search results (one per stamp, signed-in pages). */
  noindex?: boolean;
}

export interface PageContext {
  lang: Lang;
  t: Translate;
  publicBaseUrl: string;
  /** The site is served over https (kit/site.ts): cookies and CSRF tokens follow. */
  secure: boolean;
  currentPath: string;
  /** A session cookie is present: the header offers the back office instead of signing in. */
  signedIn?: boolean;
  /** Operator identity and upcoming legal changes (set for every page by the legal chrome hook). */
  legal?: LegalChrome;
}

const LEGAL_LINKS: Array<{ href: string; key: Parameters<Translate>[0] }> = [
  { href: '/quy-che-hoat-dong', key: 'legal.doc.operating-rules' },
  { href: '/dieu-khoan-su-dung', key: 'legal.doc.terms-of-use' },
  { href: '/chinh-sach-bao-mat', key: 'legal.doc.privacy-policy' },
  { href: '/chinh-sach-khieu-nai', key: 'legal.doc.complaint-policy' },
  { href: '/bieu-phi', key: 'legal.doc.fee-schedule' },
  { href: '/cach-sap-xep-ket-qua', key: 'legal.doc.search-ranking' },
];

/** One banner per published version not in force yet, linking to it (from publication until it takes effect). */
function legalBanner(ctx: PageContext): SafeHtml | '' {
  const notices = ctx.legal?.notices ?? [];
  if (!notices.length) return '';
  return html`<aside class="legal-banner" aria-label="${ctx.t('legal.banner')}"><div class="wrap"><ul>
${notices.map((n) => html`<li><strong>${ctx.t('legal.banner')}:</strong> <a href="${n.url}">${n.title} (${ctx.t('legal.version').toLowerCase()} ${n.number})</a> ${ctx.t('legal.banner.from')} ${formatDateTime(ctx.lang, n.effectiveAt)}</li>`)}
</ul></div></aside>`;
}

/** The operator's identity as the e-commerce law asks it to be published. */
function operatorFooter(ctx: PageContext): SafeHtml {
  const o = ctx.legal?.operator;
  if (!o) return html`<p>${ctx.t('footer.owner')}</p>`;
  const { t } = ctx;
  return html`<p class="operator">${t('legal.operator')}: <strong>${o.name}</strong>. ${t('legal.operator.office')}: ${o.headOffice}. ${t('legal.operator.representative')}: ${o.legalRepresentative}.<br>
${t('legal.operator.registration')}: ${o.registrationNumber}, ${t('legal.operator.issued')} ${o.registrationDate} ${t('legal.operator.issuer')} ${o.registrationIssuer}.<br>
${t('legal.operator.moit')} ${o.moitRegistrationNumber}.</p>`;
}

const NAV: Array<{ href: string; key: Parameters<Translate>[0] }> = [
  { href: '/', key: 'nav.home' },
  { href: '/tim-kiem', key: 'nav.search' },
  { href: '/doanh-nghiep', key: 'nav.enterprises' },
  { href: '/tin-tuc', key: 'nav.news' },
  { href: '/su-kien', key: 'nav.events' },
  { href: '/kiem-tra-tem', key: 'nav.verify' },
  { href: '/gio-hang', key: 'nav.cart' },
];

/** The page shell every storefront page shares: head metadata, header, navigation, footer. */
export function layout(ctx: PageContext, meta: PageMeta, body: SafeHtml): string {
  const { t, lang } = ctx;
  const canonical = `${ctx.publicBaseUrl}${meta.path}`;
  const fullTitle = meta.path === '/' ? meta.title : `${meta.title} | ${t('site.name')}`;
  const otherLang = lang === 'vi' ? 'en' : 'vi';
  return `<!doctype html>${
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${canonical}">${meta.noindex ? html`<meta name="robots" content="noindex">` : ''}
<meta property="og:site_name" content="${t('site.name')}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:locale" content="${lang === 'vi' ? 'vi_VN' : 'en_US'}">
${meta.image ? html`<meta property="og:image" content="${meta.image}">` : ''}
<link rel="stylesheet" href="/assets/app.css">
${meta.structuredData ?? ''}
</head>
<body>
<a class="skip" href="#main">${t('nav.skip')}</a>
<header class="site"><div class="wrap">
<a class="brand" href="/">${t('site.name')}</a>
<nav class="main" aria-label="${t('nav.main')}"><ul>
${NAV.map((n) => html`<li><a href="${n.href}"${ctx.currentPath === n.href ? html` aria-current="page"` : ''}>${t(n.key)}</a></li>`)}
${
  ctx.signedIn
    ? html`<li><a href="/quan-ly"${ctx.currentPath.startsWith('/quan-ly') ? html` aria-current="page"` : ''}>${t('nav.backOffice')}</a></li>`
    : html`<li><a href="/dang-nhap">${t('nav.login')}</a></li>`
}
</ul></nav>
<a class="lang" href="${ctx.currentPath}?lang=${otherLang}" hreflang="${otherLang}" lang="${otherLang}">${t('lang.switch')}</a>
</div></header>
${legalBanner(ctx)}
<main id="main"><div class="wrap">
${body}
</div></main>
<footer class="site"><div class="wrap">
<ul>${LEGAL_LINKS.map((l) => html`<li><a href="${l.href}">${t(l.key)}</a></li>`)}<li><a href="/lien-he">${t('nav.contact')}</a></li></ul>
${operatorFooter(ctx)}
</div></footer>
</body>
</html>`.value
  }`;
}

/** The search box used on the home and search pages; works without JavaScript (GET form). */
export function searchForm(t: Translate, value = ''): SafeHtml {
  return html`<form class="search-form" role="search" action="/tim-kiem" method="get">
<label class="skip" for="q">${t('search.label')}</label>
<input id="q" name="q" type="search" value="${value}" placeholder="${t('search.placeholder')}" autocomplete="off">
<button type="submit">${t('search.submit')}</button>
</form>`;
}
