import { html, jsonLd, trusted } from './html';

describe('html template', () => {
  it('escapes interpolated text, including attribute quotes', () => {
    const name = `<script>alert("x")</script>' onload='`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;</p>',
    );
  });

  it('keeps nested templates and trusted HTML, drops null/false', () => {
    const items = ['Bưởi', 'Dừa'].map((n) => html`<li>${n}</li>`);
    expect(html`<ul>${items}</ul>${null}${false}${trusted('<b>ok</b>')}`.value).toBe('<ul><li>Bưởi</li><li>Dừa</li></ul><b>ok</b>');
  });

  it('cannot break out of a JSON-LD script block', () => {
    const out = jsonLd({ name: '</script><script>alert(1)</script>' }).value;
    expect(out.match(/<\/script>/g)).toHaveLength(1);
  });
});
