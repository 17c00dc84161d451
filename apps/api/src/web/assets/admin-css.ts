/** Back office pages (/quan-ly/…): queues, forms, charts. */
export const ADMIN_CSS = `
.crumbs{font-size:.9rem;margin:.25rem 0}
.admin .queue{list-style:none;padding:0;display:grid;gap:.9rem}
.admin .item{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.9rem 1rem}
.admin .item h2{margin:0 0 .5rem}
.admin .facts{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.2rem .9rem;margin:0 0 .6rem}
.admin .facts dt{font-weight:600;color:var(--muted)}
.admin .facts dd{margin:0;overflow-wrap:anywhere}
.admin .actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-start;margin-top:.6rem}
.admin form.reason{display:flex;flex-direction:column;gap:.3rem;min-width:min(100%,18rem)}
.admin form.reason textarea,.admin textarea,.admin select,.admin input[type=text],.admin input[type=search],.admin input[type=url],.admin input[type=datetime-local],.admin input[type=number],.admin input[type=date]{padding:.55rem .65rem;font-size:1rem;border:1px solid #8a9590;border-radius:6px;width:100%}
.admin .has-error textarea{border-color:#a4161a}
.admin .error{color:#a4161a;font-weight:600;margin:0}
.admin button.secondary{background:#fff;color:#7d1111;border:1px solid #7d1111}
.admin button.secondary:hover{background:#fdecea}
.admin .warn{color:#7d1111}
.admin .thumbs{display:flex;gap:.4rem;list-style:none;padding:0;margin:0 0 .5rem;flex-wrap:wrap}
.admin .thumbs img{width:96px;height:96px;object-fit:cover;border-radius:6px;background:#e9efec}
.admin .preview .prose{max-width:none}
.admin .chips a[aria-current=page]{background:var(--green);color:#fff;border-color:var(--green)}
.admin table{border-collapse:collapse;width:100%;background:#fff}
.admin th,.admin td{border:1px solid var(--line);padding:.4rem .55rem;text-align:left;vertical-align:top}
.admin td.num,.admin th.num{text-align:right}
.admin .table-wrap{overflow-x:auto}
.admin .badge{display:inline-block;border-radius:999px;padding:.05rem .55rem;font-size:.85rem;background:#e9efec;color:var(--ink)}
.admin .preview-banner{background:#fff4d6;border:2px dashed var(--gold);padding:.5rem .8rem;border-radius:8px;font-weight:700}
.admin form.editor{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;max-width:48rem}
.admin .toolbar{display:flex;gap:.3rem;flex-wrap:wrap;margin-bottom:.3rem}
.admin .toolbar button{padding:.3rem .6rem;font-size:.9rem}
.admin .chart{margin:1.25rem 0}
.admin .ocop-history h3{margin:0 0 .5rem;font-size:1.05rem}
.admin .chart h3{margin:.4rem 0}
`;
