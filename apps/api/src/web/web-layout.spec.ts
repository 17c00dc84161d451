import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The web layer's house rules (issue 13 §1), checked on the source so a new page cannot quietly
 * bring back what was removed: controllers hold no markup, views have one suffix, and the shared
 * pieces (pager, https check) exist once, in the kit.
 */
const WEB = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sources(WEB).map((path) => ({ path: relative(WEB, path), text: readFileSync(path, 'utf8') }));

describe('web layer layout', () => {
  it('keeps markup out of controllers', () => {
    const withMarkup = files.filter((f) => f.path.endsWith('.controller.ts') && f.text.includes('html`')).map((f) => f.path);
    expect(withMarkup).toEqual([]);
  });

  it('names every view file *.view.ts', () => {
    const odd = files.map((f) => f.path).filter((p) => /[-.]views?\.ts$|-page\.ts$|\.template\.ts$/.test(p) && !p.endsWith('.view.ts'));
    expect(odd).toEqual([]);
  });

  it('has one pager and one https check, in the kit', () => {
    const pagers = files.filter((f) => /function pager\(/.test(f.text)).map((f) => f.path);
    expect(pagers).toEqual([join('kit', 'pager.ts')]);
    const httpsChecks = files.filter((f) => f.text.includes('x-forwarded-proto')).map((f) => f.path);
    expect(httpsChecks.length).toBeLessThanOrEqual(1);
  });
});
