/** Sales channels (/quan-ly/kenh-ban) and the sync overview (/quan-ly/dong-bo). */
export const CHANNELS_CSS = `
.ch-enterprise{margin:0 0 1rem}
.ch-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.6rem;list-style:none;padding:0;margin:.5rem 0 0}
.ch-card{border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;background:#fff}
.ch-card h3{margin:0 0 .35rem;font-size:1.05rem}
.ch-counts{font-size:.95rem;margin:.35rem 0 0}
.ch-map .field{margin:0 0 .5rem}
.ch-map-row.depth-1{padding-left:1rem}
.ch-map-row.depth-2,.ch-map-row.depth-3{padding-left:2rem}
.ch-url{overflow-wrap:anywhere}
.ch-why{margin:0 0 .25rem;font-weight:600}
.ch-detail{margin:0;font-size:.92rem;overflow-wrap:anywhere}
.ch-reconnect{margin:.5rem 0}
.ch-reconnect summary{cursor:pointer;font-weight:600;padding:.5rem 0}
/* Phones: each listing becomes a card, every value under its column name. */
@media (max-width:40rem){
.ch-listings thead{position:absolute;left:-9999px}
.ch-listings,.ch-listings tbody,.ch-listings tr,.ch-listings th,.ch-listings td{display:block}
.ch-listings tr{border:1px solid var(--line);border-radius:8px;margin:0 0 .6rem;padding:.4rem .7rem}
.ch-listings th,.ch-listings td{border:0;padding:.3rem 0}
.ch-listings td[data-label]::before{content:attr(data-label);display:block;font-weight:600;font-size:.85rem;color:var(--muted)}
}
`;
