/** Inquiry form, inbox cards and the volumes chart. */
export const INQUIRIES_CSS = `
.inq-product{display:flex;gap:.75rem;align-items:center;margin:0 0 1rem}
.inq-product img{width:72px;height:72px;object-fit:cover;border-radius:.5rem}
.inq-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.field textarea{width:100%;min-height:8rem;font:inherit;padding:.5rem;box-sizing:border-box}
.inq-list{list-style:none;padding:0;display:grid;gap:.75rem}
.inq-card{border:1px solid #c9d3cc;border-radius:.5rem;padding:.75rem}
.inq-card h2{font-size:1.05rem;margin:0 0 .25rem}
.inq-card .inq-msg{white-space:pre-wrap;overflow-wrap:anywhere}
.inq-contact{display:flex;flex-wrap:wrap;gap:.5rem}
.inq-contact a{display:inline-block;padding:.4rem .75rem;border:1px solid #1b5e20;border-radius:.4rem;text-decoration:none}
.inq-badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#e8f0ea;font-size:.85rem}
.inq-badge.new{background:#1b5e20;color:#fff}
.inq-actions{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin-top:.5rem}
.inq-actions button{padding:.35rem .6rem}
.inq-chart{width:100%;height:auto;max-width:720px}
.inq-chart rect{fill:#2e7d32}
.inq-stats table{border-collapse:collapse}
.inq-stats th,.inq-stats td{border-bottom:1px solid #d6ddd8;padding:.25rem .6rem;text-align:left}
.inq-stats td.num{text-align:right}
`;
