/** Storefront catalog pages: product cards, search filters, product and seller pages. */
export const STORE_CSS = `
.cards{list-style:none;padding:0;margin:0;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr))}
.card-title{font-size:1rem;margin:0 0 .25rem;line-height:1.3}
.card .price{margin:.2rem 0}
.card .seller{margin:.2rem 0 0;font-size:.9rem}
.card mark{background:#fff2a8;color:inherit}
.noimg{aspect-ratio:1;background:#e9efec}
.scope a[aria-current]{font-weight:700}
.card.peer{border-style:dashed}
.card .source{margin:.3rem 0 0;font-size:.85rem}
.card .source .badge{background:#eef3ff;border:1px solid #c9d6f5;border-radius:6px;padding:.05rem .35rem}
.card .ocop{margin:.2rem 0;font-size:.85rem}
.noimg.large{display:flex;align-items:center;justify-content:center;color:var(--muted);border-radius:10px}
.list{padding-left:1.1rem}
.list li{margin:.3rem 0}
.two-col{display:grid;gap:0 1.5rem}
.figures{margin:0}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem;list-style:none;padding:0;margin:0}
.tiles a{display:flex;flex-direction:column;gap:.15rem;min-height:3.5rem;padding:.6rem .8rem;background:#fff;border:1px solid var(--line);border-radius:10px;text-decoration:none}
.tiles a:hover,.tiles a:focus-visible{border-color:var(--green)}
.tile-name{font-weight:600}
.tiles .muted{font-size:.85rem}
.sellers{list-style:none;padding:0;margin:0}
.seller-tile{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.7rem .8rem}
.seller-tile p{margin:.2rem 0}
.chip{display:inline-block;background:#fff;border:1px solid var(--line);border-radius:999px;padding:.3rem .8rem}
.figure dt{color:var(--muted);font-size:.9rem}
.figure dd{margin:0}
form.filters{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin-bottom:1rem}
form.filters .search-form{margin:0 0 .5rem}
form.filters select,form.filters input[type=number],form.filters input[type=search]{padding:.55rem .6rem;font-size:1rem;border:1px solid #8a9590;border-radius:6px;max-width:100%}
form.filters .field{margin:.5rem 0}
form.filters .price input{width:8rem}
form.filters.inline{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
.facets summary{cursor:pointer;font-weight:600;padding:.4rem 0}
.opt{display:inline-flex;align-items:center;gap:.35rem;margin:.2rem 1rem .2rem 0;font-weight:400}
.opt input{width:1.15rem;height:1.15rem}
.error{color:#a4161a;font-weight:600}
.count{font-weight:600}
.applied a{background:#eef6f1}
.suggest{position:absolute;z-index:5;left:0;right:0;top:100%;background:#fff;border:1px solid var(--line);border-radius:6px;list-style:none;margin:.25rem 0 0;padding:.25rem 0;box-shadow:0 4px 12px rgba(0,0,0,.12)}
.suggest li{padding:.5rem .75rem;cursor:pointer}
.suggest li[aria-selected=true],.suggest li:hover{background:#e8f5ec}
.search-form{position:relative}
.pager ul{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:1.25rem 0}
.pager a{display:inline-block;min-width:2.75rem;text-align:center;padding:.5rem .7rem;border:1px solid var(--line);border-radius:6px;background:#fff;text-decoration:none}
.pager a[aria-current=page]{background:var(--green);color:#fff;border-color:var(--green)}
.crumbs ol{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0;margin:0 0 .75rem;font-size:.9rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:var(--muted)}
.product{display:grid;gap:1rem}
.gallery .main-img{width:100%;height:auto;border-radius:10px;background:#e9efec}
.slides{display:flex;overflow-x:auto;scroll-snap-type:x mandatory;list-style:none;padding:0;margin:0;gap:.5rem;border-radius:10px}
.slides li{flex:0 0 100%;scroll-snap-align:center}
.slides:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.thumbs a{display:block;border-radius:6px}
.related{margin-top:1.5rem}
.also .actions{display:flex;flex-wrap:wrap;gap:.5rem}
.thumbs{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0 0}
.thumbs img{width:4.5rem;height:4.5rem;object-fit:cover;border-radius:6px;border:1px solid var(--line)}
.price.big{font-size:1.5rem;margin:.25rem 0}
.facts{display:grid;gap:.35rem;margin:.75rem 0}
.facts div{display:flex;gap:.5rem;flex-wrap:wrap}
.facts dt{color:var(--muted);min-width:8rem}
.facts dd{margin:0;font-weight:600}
.facts .ok{color:var(--green-dark)}
.facts .warn{color:#8a2c0d}
.contact,.seller-card,.trace{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin:1rem 0}
.contact h2,.seller-card h2,.trace h2{margin-top:0}
.button.secondary{background:#fff;color:var(--green-dark);border:1px solid var(--green)}
.button.secondary:hover{background:#e8f5ec}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}
.trace table{border-collapse:collapse;width:100%;font-size:.95rem}
.trace th,.trace td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left}
.profile-head{display:flex;gap:1rem;align-items:center}
.profile-head .logo{border-radius:10px;object-fit:cover}
.verified{color:var(--green-dark);font-weight:600}
.ent .body{padding:.75rem}
@media (min-width:48rem){.two-col{grid-template-columns:1fr 1fr}.product{grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem}}
`;
