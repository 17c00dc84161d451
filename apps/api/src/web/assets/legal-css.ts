/** Legal documents: the upcoming-change banner, version lists, the diff, the operator footer. */
export const LEGAL_CSS = `
.legal-banner{background:#fff4d6;border-bottom:1px solid #e0c27a;color:var(--ink)}
.legal-banner ul{list-style:none;margin:0;padding:.5rem 0}
.legal-banner a{color:var(--green-dark)}
.legal-versions{list-style:none;padding:0}
.legal-versions li{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem;margin:.4rem 0}
.legal-meta{color:var(--muted);font-size:.95rem}
.legal-diff{list-style:none;padding:0;background:#fff;border:1px solid var(--line);border-radius:10px;max-width:48rem}
.legal-diff li{padding:.3rem .75rem;border-bottom:1px solid var(--line)}
.legal-diff li.added{background:#e6f4ea}
.legal-diff li.removed{background:#fdecea}
.legal-diff li.removed span.text{text-decoration:line-through}
.legal-diff .tag{font-weight:700;margin-right:.5rem}
footer.site .operator{line-height:1.6}
.legal-ranking table{border-collapse:collapse;background:#fff}
.legal-ranking th,.legal-ranking td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left}
`;
