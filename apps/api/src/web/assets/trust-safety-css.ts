/** Trust and safety pages: overdue rows in staff queues, identity state badges. */
export const TRUST_SAFETY_CSS = `.admin tr.overdue{background:#fdecea}
.admin tr.overdue th a{color:#7a1a14}
.identity-verified{background:#e6f4ea;color:#063d21;border-color:#0b6b3a}
.identity-pending{background:#fff4d6;color:#5c3b00;border-color:#8a5a00}
.identity-rejected,.identity-expired{background:#fdecea;color:#7a1a14;border-color:#b3261e}`;
