/**
 * The part of the DOM that browser-side callbacks (page.evaluate, locator.evaluate) use. The
 * project's tsconfig has no "dom" lib on purpose: adding it would let server code use browser
 * globals unchecked. Types only: nothing here exists at run time.
 */
export interface DomElement {
  readonly outerHTML: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  closest(selector: string): DomElement | null;
}

export interface DomDocument {
  readonly activeElement: DomElement | null;
  readonly documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  getElementById(id: string): DomElement | null;
}
