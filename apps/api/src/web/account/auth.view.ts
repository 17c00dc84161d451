import { alert, field } from '../html/forms';
import { html, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';
import type { FieldErrors } from '../session/form-validation';

export type AuthForm = Record<string, string | undefined>;

/** What a sign-in or registration page shows besides the form: its errors and messages. */
export interface AuthFormState {
  form: AuthForm;
  errors: FieldErrors;
  csrf: SafeHtml;
  message?: string;
  notice?: string;
}

export function loginView(ctx: PageContext, { form, errors, csrf, message, notice }: AuthFormState): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('auth.login.title')}</h1>
${alert(notice, 'success')}${alert(message)}
<form class="stack" method="post" action="/dang-nhap" novalidate>
${csrf}
${field({ name: 'email', label: t('auth.email'), type: 'email', value: form.email, error: errors.email, required: true, autocomplete: 'username' })}
${field({ name: 'password', label: t('auth.password'), type: 'password', error: errors.password, required: true, autocomplete: 'current-password' })}
<button type="submit">${t('auth.submit.login')}</button>
</form>
<p><a href="/dang-ky">${t('auth.noAccount')}</a></p>`;
}

export function registerView(ctx: PageContext, { form, errors, csrf, message }: AuthFormState): SafeHtml {
  const { t } = ctx;
  const role = form.role === 'business' ? 'business' : 'buyer';
  return html`<h1>${t('auth.register.title')}</h1>
${alert(message)}
<form class="stack" method="post" action="/dang-ky" novalidate>
${csrf}
<fieldset><legend>${t('auth.role')}</legend>
<label><input type="radio" name="role" value="buyer"${role === 'buyer' ? html` checked` : ''}> ${t('auth.role.buyer')}</label><br>
<label><input type="radio" name="role" value="business"${role === 'business' ? html` checked` : ''}> ${t('auth.role.business')}</label>
${errors.role ? html`<p class="error">${errors.role}</p>` : ''}
</fieldset>
${field({ name: 'displayName', label: t('auth.displayName'), value: form.displayName, error: errors.displayName, required: true, autocomplete: 'name' })}
${field({ name: 'email', label: t('auth.email'), type: 'email', value: form.email, error: errors.email, required: true, autocomplete: 'email' })}
${field({ name: 'phone', label: t('auth.phone'), type: 'tel', value: form.phone, error: errors.phone, autocomplete: 'tel' })}
${field({ name: 'password', label: t('auth.password'), type: 'password', error: errors.password, required: true, autocomplete: 'new-password', hint: t('auth.password.hint') })}
<div class="field${errors.acceptTerms ? ' has-error' : ''}"><label><input type="checkbox" name="acceptTerms" value="yes"${errors.acceptTerms ? html` aria-invalid="true" aria-describedby="f-acceptTerms-error"` : ''}> ${t('legal.register.box')}</label>
(<a href="/dieu-khoan-su-dung">${t('legal.doc.terms-of-use')}</a>, <a href="/chinh-sach-bao-mat">${t('legal.doc.privacy-policy')}</a>, <a href="/quy-che-hoat-dong">${t('legal.doc.operating-rules')}</a>)
${errors.acceptTerms ? html`<p class="error" id="f-acceptTerms-error">${errors.acceptTerms}</p>` : ''}</div>
<button type="submit">${t('auth.submit.register')}</button>
</form>
<p><a href="/dang-nhap">${t('auth.haveAccount')}</a></p>`;
}
