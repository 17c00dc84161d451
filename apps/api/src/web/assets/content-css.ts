/** News, events, stamp checker and error pages. */
export const CONTENT_CSS = `
.news-list{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.news-item{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;display:grid;gap:.25rem}
.news-item h2{font-size:1.1rem;margin:0}
.news-item h2 a{color:var(--ink);text-decoration:none}
.news-item h2 a:hover{text-decoration:underline}
.news-item p{margin:0}
.meta{color:var(--muted);font-size:.9rem;display:flex;flex-wrap:wrap;gap:.25rem .9rem;margin:0;padding:0;list-style:none}
.chips a[aria-current=page]{background:var(--green);color:#fff;border-color:var(--green)}
.article .cover{width:100%;height:auto;border-radius:8px;margin:.5rem 0 1rem;background:#e9efec}
.article .lead{font-weight:600}
.article .body img{max-width:100%;height:auto}
.event-list{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.event{background:#fff;border:1px solid var(--line);border-left:6px solid var(--green);border-radius:10px;padding:.75rem 1rem}
.event h2{font-size:1.1rem;margin:0 0 .25rem}
.event dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:0}
.event dt{font-weight:600;color:var(--muted)}
.event dd{margin:0}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin:0 0 1rem}
form.inline .field{margin:0}
.verdict-unknown{background:#fdecea;border:1px solid #f3b8b5;color:#7d1111;border-radius:10px;padding:.75rem 1rem;max-width:36rem}
.verdict-unknown h2{margin:.1rem 0 .4rem}
.error-page .code{font-size:.9rem;color:var(--muted)}
`;
