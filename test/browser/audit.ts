import type { Page } from 'playwright-core';

/*
 * Accessibility audits run on a rendered page: axe-core's WCAG 2.1 A/AA rules and a few of its
 * page-structure rules, horizontal overflow, and a visible focus indicator on every tab stop.
 * The callbacks given to page.evaluate run inside Chromium; the project compiles without the DOM
 * lib (see dom.ts), so the little they use is declared here, as loosely as it is used.
 */

interface El {
  readonly tagName: string;
  readonly className: unknown;
  readonly outerHTML: string;
  readonly parentElement: El | null;
  getBoundingClientRect(): { right: number };
  closest(selector: string): El | null;
  blur?(): void;
}
interface Style {
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
  backgroundColor: string;
}
declare const document: {
  activeElement: El | null;
  body: El & { querySelectorAll(selector: string): ArrayLike<El> };
  scrollingElement: { scrollWidth: number };
  querySelectorAll(selector: string): ArrayLike<El>;
};
declare const window: {
  innerWidth: number;
  getComputedStyle(el: El): Style;
  /** Set by focusIndicators: each focusable element's look before any Tab, and the stops seen. */
  __tfUnfocused: Map<El, string>;
  __tfVisited: Set<El>;
};
declare const axe: typeof import('axe-core');

/** The rule sets the pages promise: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's "best practice" rules about page structure (landmarks, headings) that issue 8 asks
 * for by name. They are not WCAG success criteria, and axe rates most of them moderate, so they
 * fail the audit at any impact.
 */
export const STRUCTURE_RULES = [
  'heading-order',
  'empty-heading',
  'page-has-heading-one',
  'landmark-one-main',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level',
  'landmark-main-is-top-level',
  'region',
  'skip-link',
];

/**
 * Rules switched off, with the reason. A rule is only switched off where it cannot judge these
 * pages, never because a page fails it. None today: every WCAG 2.1 A/AA rule of axe-core runs on
 * every page (rules that need a person — e.g. whether an alt text is apt — are axe's "incomplete"
 * results, which the audit does not count as failures).
 */
export const EXCLUDED_RULES: Record<string, string> = {};

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** The finding's WCAG tags (empty for a best-practice rule). */
  wcag: string[];
  /** CSS selectors of the offending nodes with axe's one-line reason (first few). */
  nodes: string[];
}

/** What fails the audit: serious or critical WCAG 2.1 A/AA violations, and any structure-rule finding. */
export const blocking = (findings: AxeFinding[]) =>
  findings.filter((f) => (f.wcag.length > 0 && (f.impact === 'serious' || f.impact === 'critical')) || STRUCTURE_RULES.includes(f.rule));

export const describeFindings = (findings: AxeFinding[]) => findings.map((f) => `${f.rule} (${f.impact}): ${f.help}\n    ${f.nodes.join('\n    ')}`);

const AXE_PATH = require.resolve('axe-core/axe.min.js');

/**
 * Injects axe-core from node_modules (the context needs bypassCSP: the pages' CSP forbids inline
 * scripts, which is how addScriptTag inserts a file) and runs the WCAG and best-practice rules on
 * the whole document.
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => typeof axe !== 'undefined'))) await page.addScriptTag({ path: AXE_PATH });
  const rules = Object.fromEntries(Object.keys(EXCLUDED_RULES).map((id) => [id, { enabled: false }]));
  return page.evaluate(
    async ({ tags, rules }) => {
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        wcag: v.tags.filter((tag: string) => /^wcag\d/.test(tag)),
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 220)}`),
      }));
    },
    { tags: [...WCAG_TAGS, 'best-practice'], rules },
  );
}

export interface OverflowReport {
  innerWidth: number;
  scrollWidth: number;
  /** The elements that stick out furthest past `width` (to find the culprit when it fails). */
  culprits: string[];
}

/**
 * Whether the page scrolls sideways: the document must be no wider than the window. `width` is
 * the viewport asked for: a phone browser widens its window to fit content that overflows, so
 * innerWidth alone would hide the fault.
 */
export async function horizontalOverflow(page: Page, width: number): Promise<OverflowReport> {
  return page.evaluate((width) => {
    const culprits = Array.from(document.body.querySelectorAll('*'))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      // Scroll boxes (wide tables) may be wider than the screen: they scroll, not the page.
      .filter(({ el, right }) => right > width + 0.5 && !el.closest('.skip, .table-wrap, .table-scroll'))
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(
        ({ el, right }) =>
          `${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''} right=${Math.round(right)}`,
      );
    return { innerWidth: window.innerWidth, scrollWidth: document.scrollingElement.scrollWidth, culprits };
  }, width);
}

export interface FocusReport {
  /** Tab stops visited (distinct elements). */
  stops: number;
  /** Tab stops whose focus indicator is missing, too thin or too faint, with why. */
  invisible: string[];
}

/**
 * Presses Tab through the page (up to `maxStops`) and checks that each element that takes the
 * focus shows it (WCAG 2.4.7 and 1.4.11): a solid outline at least 2px wide or a box shadow, that
 * the element does not have unfocused, in a colour with at least 3:1 contrast against the
 * background around the element (the nearest ancestor background; the indicator is drawn outside
 * the element). The unfocused look of every focusable element is recorded before the first Tab.
 */
export async function focusIndicators(page: Page, maxStops = 40): Promise<FocusReport> {
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    const look = (el: El) => {
      const s = window.getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}|${s.boxShadow}`;
    };
    const focusable = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]');
    window.__tfUnfocused = new Map(Array.from(focusable).map((el) => [el, look(el)]));
    window.__tfVisited = new Set();
  });
  let stops = 0;
  const invisible: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      // Left the page (focus on the body or the browser UI) or wrapped around to a visited stop.
      if (!el || el === document.body || window.__tfVisited.has(el)) return null;
      window.__tfVisited.add(el);
      const rgb = (css: string) => {
        const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
        return m ? { c: [+m[1], +m[2], +m[3]], a: m[4] === undefined ? 1 : +m[4] } : null;
      };
      const luminance = (c: number[]) =>
        c
          .map((v) => v / 255)
          .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
          .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const contrast = (a: number[], b: number[]) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      // The indicator is drawn around the element, over its parent's background.
      let bg = [255, 255, 255];
      for (let p = el.parentElement; p; p = p.parentElement) {
        const colour = rgb(window.getComputedStyle(p).backgroundColor);
        if (colour && colour.a > 0.5) {
          bg = colour.c;
          break;
        }
      }
      const s = window.getComputedStyle(el);
      const colours: number[][] = [];
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) colours.push(rgb(s.outlineColor)?.c ?? []);
      if (s.boxShadow !== 'none') colours.push(rgb(s.boxShadow)?.c ?? []);
      const best = Math.max(0, ...colours.filter((c) => c.length === 3).map((c) => contrast(c, bg)));
      const changed = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}|${s.boxShadow}` !== window.__tfUnfocused.get(el);
      const id = el.outerHTML.slice(0, 100);
      // Chromium's own ring (outline-style auto, 1px) is thin and blue whatever the background: the pages draw their own.
      if (s.outlineStyle === 'auto' && !colours.length) return { problem: `${id}: only the browser's default focus ring` };
      if (!colours.length || !changed) return { problem: `${id}: no focus indicator` };
      if (best < 3) return { problem: `${id}: focus indicator contrast ${best.toFixed(2)}:1 against rgb(${bg.join(',')})` };
      return { problem: null };
    });
    if (!stop) break;
    stops++;
    if (stop.problem) invisible.push(stop.problem);
  }
  return { stops, invisible };
}
