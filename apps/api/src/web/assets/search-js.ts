/**
 * Progressive enhancement for the search form (served at /assets/search.js): suggestions as you
 * type in an ARIA combobox/listbox, and auto-submit when a filter changes. The page works fully
 * without it; it only uses the public JSON API the page is built on.
 */
export const SEARCH_JS = `(function () {
  'use strict';
  var input = document.querySelector('input[data-suggest]');
  var form = document.querySelector('form[data-autosubmit]');
  if (form) {
    form.addEventListener('change', function (ev) {
      var el = ev.target;
      if (el && (el.tagName === 'SELECT' || el.type === 'radio' || el.type === 'checkbox')) {
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      }
    });
  }
  if (!input || !window.fetch) return;
  var list = document.createElement('ul');
  list.id = 'q-suggest';
  list.className = 'suggest';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'q-suggest');
  var options = [];
  var active = -1;
  var seq = 0;
  var timer;

  function close() {
    list.hidden = true;
    list.textContent = '';
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function setActive(i) {
    if (active >= 0 && options[active]) options[active].el.setAttribute('aria-selected', 'false');
    active = i;
    if (active >= 0 && options[active]) {
      options[active].el.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[active].el.id);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }
  function render(data) {
    close();
    var items = [];
    (data.products || []).forEach(function (p) { items.push({ text: p.name, href: '/san-pham/' + encodeURIComponent(p.slug) }); });
    (data.categories || []).forEach(function (c) { items.push({ text: c.name, href: '/tim-kiem?category=' + encodeURIComponent(c.id) }); });
    (data.enterprises || []).forEach(function (e) { items.push({ text: e.name, href: '/doanh-nghiep/' + encodeURIComponent(e.slug) }); });
    if (!items.length) return;
    items.forEach(function (item, i) {
      var li = document.createElement('li');
      li.id = 'q-opt-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = item.text;
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); location.href = item.href; });
      list.appendChild(li);
      options.push({ el: li, href: item.href });
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch('/api/v1/search/suggest?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === seq) render(data); })
        .catch(function () { close(); });
    }, 150);
  });
  input.addEventListener('keydown', function (ev) {
    if (list.hidden) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); setActive((active + 1) % options.length); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); setActive(active <= 0 ? options.length - 1 : active - 1); }
    else if (ev.key === 'Enter' && active >= 0) { ev.preventDefault(); location.href = options[active].href; }
    else if (ev.key === 'Escape') { ev.preventDefault(); close(); }
  });
  input.addEventListener('blur', function () { setTimeout(close, 100); });
})();
`;
