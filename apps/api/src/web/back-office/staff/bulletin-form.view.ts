import { BULLETIN_KINDS, CreateBulletinDto, EventDetailsDto, type BulletinEntity } from '@tradefloor/news-bulletin';
import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { inLanguage } from '../../i18n/error-text';
import type { Lang, MessageKey } from '../../i18n/messages';
import { validateForm, type FieldErrors } from '../../session/form-validation';
import { parseVietnamLocal, toVietnamLocal } from '../../kit/format';
import type { Form } from '../back-office';

/** Names of the body toolbar's buttons, in the order the editor script draws them. */
const TOOLBAR_LABELS: MessageKey[] = [
  'admin.bul.tool.bold',
  'admin.bul.tool.italic',
  'admin.bul.tool.heading',
  'admin.bul.tool.paragraph',
  'admin.bul.tool.list',
  'admin.bul.tool.link',
];

/** The editor form's values as text (what the person typed, shown again on errors). */
export function formFromBulletin(b: BulletinEntity): Form {
  return {
    title: b.title,
    summary: b.summary,
    body: b.body,
    categoryId: b.categoryId,
    tags: b.tags.join(', '),
    authorByline: b.authorByline ?? '',
    kind: b.kind,
    coverImageUrl: b.coverImageUrl ?? '',
    startsAt: toVietnamLocal(b.eventStartsAt),
    endsAt: toVietnamLocal(b.eventEndsAt),
    location: b.eventLocation ?? '',
    organiser: b.eventOrganiser ?? '',
  };
}

/**
 * Turns the posted form into the API's CreateBulletinDto and validates it with the same rules.
 * Event times are typed in Vietnam time (datetime-local) and stored as UTC instants.
 */
export async function bulletinInput(form: Form, lang: Lang): Promise<{ value: CreateBulletinDto; errors: FieldErrors }> {
  const kind = form.kind === 'event' ? 'event' : 'article';
  const tags = (form.tags ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const { value, errors } = await validateForm(
    CreateBulletinDto,
    {
      title: form.title,
      summary: form.summary,
      body: form.body,
      categoryId: form.categoryId,
      authorByline: form.authorByline,
      coverImageUrl: form.coverImageUrl,
      kind,
    },
    lang,
  );
  value.tags = tags;
  if (tags.length > 20 || tags.some((tag) => tag.length > 50))
    errors.tags = inLanguage(lang, 'Tối đa 20 thẻ, mỗi thẻ tối đa 50 ký tự (at most 20 tags of 50 characters)');
  // Cleared optional fields must clear the stored value on edit.
  value.authorByline = value.authorByline ?? null;
  value.coverImageUrl = value.coverImageUrl ?? null;
  value.event = null;
  if (kind === 'event') {
    const startsAt = parseVietnamLocal(form.startsAt);
    const endsAt = parseVietnamLocal(form.endsAt);
    const event = await validateForm(
      EventDetailsDto,
      {
        startsAt: startsAt?.toISOString(),
        endsAt: endsAt?.toISOString(),
        location: form.location,
        organiser: form.organiser,
      },
      lang,
    );
    if (!startsAt) errors.startsAt = inLanguage(lang, 'Cần ngày giờ bắt đầu (start date and time required)');
    if (!endsAt) errors.endsAt = inLanguage(lang, 'Cần ngày giờ kết thúc (end date and time required)');
    else if (startsAt && endsAt < startsAt) errors.endsAt = inLanguage(lang, 'Kết thúc phải sau bắt đầu (end must be after start)');
    if (event.errors.location) errors.location = event.errors.location;
    if (event.errors.organiser) errors.organiser = event.errors.organiser;
    value.event = event.value;
  }
  return { value, errors };
}

/** The create/edit form; `body` is HTML that the server sanitises on save. */
export function bulletinForm(
  ctx: PageContext,
  action: string,
  csrf: SafeHtml,
  form: Form,
  errors: FieldErrors,
  categories: Array<{ id: string; name: string }>,
): SafeHtml {
  const { t } = ctx;
  const kind = form.kind === 'event' ? 'event' : 'article';
  const textarea = (name: string, label: string, rows: number, hint?: string) => {
    const id = `f-${name}`;
    const describedBy = [hint ? `${id}-hint` : '', errors[name] ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field${errors[name] ? ' has-error' : ''}">
<label for="${id}">${label}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
${name === 'body' ? html`<div class="toolbar" data-for="${id}" data-labels="${TOOLBAR_LABELS.map((k) => t(k)).join('|')}" hidden></div>` : ''}
<textarea id="${id}" name="${name}" rows="${rows}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${errors[name] ? html` aria-invalid="true"` : ''}>${form[name] ?? ''}</textarea>
${errors[name] ? html`<p class="error" id="${id}-error">${errors[name]}</p>` : ''}
</div>`;
  };
  return html`<form class="editor" method="post" action="${action}" novalidate>
${csrf}
${field({ name: 'title', label: t('admin.bul.field.title'), value: form.title, error: errors.title, required: true })}
${textarea('summary', t('admin.bul.field.summary'), 3)}
${textarea('body', t('admin.bul.field.body'), 14, t('admin.bul.field.bodyHint'))}
<div class="field${errors.categoryId ? ' has-error' : ''}">
<label for="f-categoryId">${t('admin.bul.field.category')}</label>
<select id="f-categoryId" name="categoryId"${errors.categoryId ? html` aria-invalid="true" aria-describedby="f-categoryId-error"` : ''}>
${categories.map((c) => html`<option value="${c.id}"${c.id === form.categoryId ? html` selected` : ''}>${c.name}</option>`)}
</select>
${errors.categoryId ? html`<p class="error" id="f-categoryId-error">${errors.categoryId}</p>` : ''}
</div>
${field({ name: 'tags', label: t('admin.bul.field.tags'), value: form.tags, error: errors.tags, hint: t('admin.bul.field.tagsHint') })}
${field({ name: 'authorByline', label: t('admin.bul.field.byline'), value: form.authorByline, error: errors.authorByline })}
${field({ name: 'coverImageUrl', label: t('admin.bul.field.cover'), value: form.coverImageUrl, error: errors.coverImageUrl, hint: t('admin.bul.field.coverHint') })}
<fieldset><legend>${t('admin.bul.field.kind')}</legend>
${BULLETIN_KINDS.map((k) => html`<label><input type="radio" name="kind" value="${k}"${k === kind ? html` checked` : ''}> ${t(`admin.bul.kind.${k}`)}</label> `)}
</fieldset>
<fieldset class="event-fields"><legend>${t('admin.bul.field.event')}</legend>
<p class="hint">${t('admin.bul.field.eventHint')}</p>
${field({ name: 'startsAt', label: t('admin.bul.field.startsAt'), type: 'datetime-local', value: form.startsAt, error: errors.startsAt })}
${field({ name: 'endsAt', label: t('admin.bul.field.endsAt'), type: 'datetime-local', value: form.endsAt, error: errors.endsAt })}
${field({ name: 'location', label: t('admin.bul.field.location'), value: form.location, error: errors.location })}
${field({ name: 'organiser', label: t('admin.bul.field.organiser'), value: form.organiser, error: errors.organiser })}
</fieldset>
<button type="submit">${t('admin.bul.save')}</button>
</form>
<script src="/assets/admin-editor.js" defer></script>`;
}
