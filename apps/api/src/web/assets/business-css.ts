/** Seller back office: big touch targets, clear status badges (label + colour, AA contrast). */
export const BUSINESS_CSS = `
.biz-form{max-width:40rem}
.biz-form .field input,.biz-form .field select,.biz-form .field textarea{width:100%;font-size:1.05rem;padding:.75rem .8rem;border:1px solid #8a948f;border-radius:6px;background:#fff}
.biz-form .field label,.biz-form legend{font-weight:600;font-size:1.05rem}
.biz-form .hint{margin:.15rem 0 .35rem;color:var(--muted);font-size:.95rem}
.field{margin:0 0 1rem}
.field.has-error input,.field.has-error select,.field.has-error textarea{border:2px solid #b3261e}
.error{color:#b3261e;font-weight:600;margin:.3rem 0 0}
.checks{border:1px solid var(--line);border-radius:8px;padding:.5rem .9rem}
/* Checkbox rows inside a .field group: stronger than ".field label" / ".biz-form .field input" above. */
.checks label.check{display:flex;align-items:center;gap:.5rem;padding:.35rem 0;font-size:1.05rem}
.checks .check input{width:1.4rem;height:1.4rem;flex:none}
.alert{padding:.75rem 1rem;border-radius:8px;margin:.75rem 0}
.alert.error{background:#fdecea;border:1px solid #b3261e;color:#5f1410}
.alert.success{background:#e6f4ea;border:1px solid #0b6b3a;color:#063d21}
.badge{display:inline-block;border-radius:999px;padding:.15rem .7rem;font-weight:700;font-size:.9rem;border:1px solid}
.badge-ok{background:#e6f4ea;color:#063d21;border-color:#0b6b3a}
.badge-wait{background:#fff4d6;color:#5c3b00;border-color:#8a5a00}
.badge-bad{background:#fdecea;color:#7a1a14;border-color:#b3261e}
.badge-off{background:#eef1ef;color:#343b37;border-color:#6b746f}
.reason{background:#fdecea;border-left:4px solid #b3261e;padding:.5rem .75rem;margin:.5rem 0}
.biz-list{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.biz-item{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem}
.biz-item h2,.biz-item h3{margin:.1rem 0 .4rem;font-size:1.15rem}
.biz-product{display:flex;gap:.75rem;align-items:flex-start}
.biz-product img,.biz-noimg{width:72px;height:72px;border-radius:8px;object-fit:cover;background:#e9efec;flex:none}
.biz-status{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.5rem 1rem 1rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
/* A form that is one button (or a select and a button) inside a line or a table row; form.inline is content-css's filter bar. */
form.button-form{display:inline-block;margin:0}
button.secondary,.button.secondary{background:#fff;color:var(--green-dark);border:2px solid var(--green)}
button.secondary:hover,.button.secondary:hover{background:#e6f4ea}
/* Label above value on phones (long labels and e-mail addresses would push a two-column list off a 360 px screen). */
.biz-facts{display:grid;grid-template-columns:minmax(0,1fr);gap:.1rem 1rem}
.biz-facts dt{font-weight:600}
.biz-facts dd{margin:0 0 .5rem;overflow-wrap:anywhere}
@media (min-width:36rem){.biz-facts{grid-template-columns:max-content minmax(0,1fr);gap:.35rem 1rem}.biz-facts dd{margin:0}}
.biz-thumbs{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.biz-thumbs li{display:flex;flex-direction:column;gap:.4rem;align-items:flex-start}
.biz-thumbs img{width:120px;height:120px;object-fit:cover;border-radius:8px;border:1px solid var(--line)}
.table-scroll{overflow-x:auto}
.biz-table{border-collapse:collapse;width:100%;background:#fff}
.biz-table th,.biz-table td{border:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
.biz-table tr.bad{background:#fff7f6}
.biz-table caption{text-align:left;font-weight:600;padding:.4rem 0}
.biz-table ul{margin:0;padding-left:1.1rem}
`;
