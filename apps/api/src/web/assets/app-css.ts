/**
 * Base stylesheet: mobile-first, system fonts (no downloads), WCAG AA contrast. Page areas add
 * their rules in their own modules (assets/*-css.ts), joined in assets/stylesheet.ts.
 * Kept in TS modules so every build tool ships them unchanged; served at /assets/app.css.
 */
export const BASE_CSS = `
:root{--green:#0b6b3a;--green-dark:#084d2a;--ink:#1b1f1d;--muted:#4d5752;--line:#d9e0dc;--bg:#f6f8f7;--gold:#8a5a00;--focus:#ffbf47}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
body{margin:0}
a{color:var(--green-dark)}
/* Two-tone focus ring: the dark inner ring shows on light backgrounds, the yellow outer ring on the green header (≥ 3:1 either way). */
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 2px var(--ink)}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
header.site{background:var(--green);color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.75rem 1rem}
header.site a{color:#fff;text-decoration:none}
.brand{font-weight:700;font-size:1.1rem;margin-right:auto}
nav.main ul{display:flex;flex-wrap:wrap;gap:.25rem .9rem;list-style:none;margin:0;padding:0}
nav.main a:hover,nav.main a[aria-current=page]{text-decoration:underline}
.lang{font-size:.9rem;border:1px solid #fff;border-radius:4px;padding:.1rem .5rem}
.search-form{display:flex;gap:.5rem;margin:1rem 0}
.search-form input{flex:1;min-width:0;padding:.7rem .8rem;font-size:1rem;border:1px solid #8a9590;border-radius:6px}
button,.button{background:var(--green);color:#fff;border:0;border-radius:6px;padding:.7rem 1.1rem;font-size:1rem;cursor:pointer;text-decoration:none;display:inline-block}
button:hover,.button:hover{background:var(--green-dark)}
main{padding:1rem 0 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .75rem}
.hero{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(10.5rem,1fr));gap:.75rem}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;overflow:hidden;display:flex;flex-direction:column}
.card img{width:100%;aspect-ratio:1;object-fit:cover;background:#e9efec}
.card .body{padding:.6rem .75rem}
.card .name{font-weight:600;color:var(--ink);text-decoration:none}
.price{color:#9b1c1c;font-weight:700}
.stars{color:var(--gold);font-weight:700}
.review-list{list-style:none;padding:0;margin:0}
.review{border-top:1px solid var(--line);padding:.75rem 0}
.review p{margin:.25rem 0}
.review-reply{margin:.5rem 0 0 1rem;padding:.5rem .75rem;border-left:3px solid var(--green);background:var(--bg)}
.review-photo{max-width:200px;height:auto;border-radius:.25rem}
.card-rating{margin:.2rem 0}
.muted{color:var(--muted)}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0}
.chips a{display:inline-block;background:#fff;border:1px solid var(--line);border-radius:999px;padding:.3rem .8rem;text-decoration:none}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;list-style:none;padding:0}
.figure{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem}
.figure b{display:block;font-size:1.5rem;color:var(--green-dark)}
footer.site{border-top:1px solid var(--line);background:#fff;padding:1.25rem 0;font-size:.9rem;color:var(--muted)}
footer.site ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
.prose{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;max-width:48rem}
form.stack{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;max-width:28rem}
.field{margin:0 0 .9rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.field input,.field select,.field textarea{width:100%;padding:.65rem .75rem;font-size:1rem;border:1px solid #8a9590;border-radius:6px}
.field .hint{margin:0 0 .25rem;color:var(--muted);font-size:.9rem}
.field .error{margin:.25rem 0 0;color:#a4161a;font-weight:600}
.has-error input{border-color:#a4161a}
.alert{padding:.6rem .8rem;border-radius:6px;max-width:28rem}
.alert.error{background:#fdecea;color:#7d1111;border:1px solid #f3b8b5}
.alert.success{background:#e8f5ec;color:#0b4d2a;border:1px solid #a9d8b8}
fieldset{border:0;padding:0;margin:0 0 .9rem}
legend{font-weight:600;margin-bottom:.25rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem;list-style:none;padding:0}
.chart{max-width:40rem;margin:0 0 1rem}
.chart svg{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
.tiles a{display:block;background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem;text-decoration:none;font-weight:600}
@media (min-width:48rem){h1{font-size:2rem}}
`;
