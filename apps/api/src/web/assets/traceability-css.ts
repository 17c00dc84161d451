/** Stamp verification page (phones first) and the sellers' batches, stamps and scan pages. */
export const TRACEABILITY_CSS = `
.verify{max-width:36rem;margin:0 auto}
.verdict{border-radius:14px;padding:1.25rem;color:#fff;text-align:center}
.verdict .icon{font-size:2.6rem;margin:0;line-height:1}
.verdict h1{margin:.4rem 0;font-size:1.5rem}
.verdict p{margin:.3rem 0}
.verdict strong{color:#fff}
.v-genuine{background:#0b6b3a}.v-warning{background:#8a4500}.v-revoked{background:#a4161a}.v-unknown{background:#4d5752}
.v-seller_unverified,.v-product_unapproved,.v-gtin_unconfirmed{background:#8a4500}.v-seller_suspended,.v-withdrawn{background:#a4161a}
.trace-card{padding:1rem;margin-top:1rem;overflow:visible}
.trace-card h2{font-size:1.1rem;margin:0 0 .6rem}
.trace-card table{width:100%;border-collapse:collapse}
.trace-card th{text-align:left;font-weight:600;padding:.25rem .5rem .25rem 0;vertical-align:top;width:40%;color:var(--muted)}
.trace-card td{padding:.25rem 0;overflow-wrap:anywhere}
.trace-card ul{margin:.2rem 0;padding-left:1.2rem}
ol.timeline{list-style:none;margin:0;padding:0;border-left:3px solid var(--line)}
ol.timeline li{position:relative;padding:0 0 .9rem 1rem}
ol.timeline li::before{content:"";position:absolute;left:-.5rem;top:.35rem;width:.7rem;height:.7rem;border-radius:50%;background:var(--green)}
.trace-foot{text-align:center;margin:1.2rem 0 .5rem;overflow-wrap:anywhere}
.trace-section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.5rem 1rem 1rem;margin:1rem 0}
.trace-section form.stack{border:0;padding:0;max-width:32rem}
.trace-row{display:flex;flex-wrap:wrap;gap:0 1rem}
.trace-row .field{flex:1 1 10rem}
.trace-table td.num,.trace-table th.num{text-align:right}
.trace-table .badge{white-space:nowrap}
.trace-period{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin:0 0 1rem}
.trace-period .field{margin:0;flex:1 1 9rem}
.trace-facts{display:grid;grid-template-columns:1fr;gap:0 1rem;margin:0 0 1rem}
.trace-facts dt{font-weight:600;margin-top:.4rem}
.trace-facts dd{margin:0;overflow-wrap:anywhere}
@media (min-width:40rem){.trace-facts{grid-template-columns:max-content 1fr;gap:.35rem 1rem}.trace-facts dt{margin:0}}
`;
