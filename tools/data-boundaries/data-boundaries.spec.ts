import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entityTables, sourceFiles, tablesCreatedByMigrations, tablesUsedIn, type TableUse } from './sql-tables';

/**
 * The data boundary of docs/data-boundaries.md, checked against the code: a context's SQL and
 * repositories name only its own tables, except the reads that page lists as allowed (with why).
 * The owners and the allowed reads are read from the page itself, so the document is the rule.
 */
const DOC = readFileSync(join(__dirname, '../../docs/data-boundaries.md'), 'utf8');
const LIBS = readdirSync(join(__dirname, '../../libs')).sort();
/** The web layer owns no table: it reads through the libs' public services. The CLIs' demo seeder writes every context's tables on purpose. */
const WEB = 'apps/api/src/web';

/** Rows of the markdown table under `## heading`: each cell's `code` spans. */
function tableRows(heading: string): string[][][] {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/data-boundaries.md has no "## ${heading}" section`);
  const section = DOC.slice(start + heading.length + 5).split('\n## ')[0];
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1])),
    );
}

const owners = new Map<string, string>();
for (const [[lib], tables] of tableRows('Who owns which table')) for (const t of tables) owners.set(t, lib);

const allowed = new Map<string, Set<string>>();
for (const [[file], tables] of tableRows('Allowed cross-context reads')) {
  allowed.set(file, new Set([...(allowed.get(file) ?? []), ...tables]));
}

const known = tablesCreatedByMigrations();
const entities = entityTables();
const scanned: Array<{ context: string; uses: TableUse[] }> = [
  ...LIBS.map((lib) => ({ context: lib, uses: sourceFiles(`libs/${lib}/src`).flatMap((f) => tablesUsedIn(f, known, entities)) })),
  { context: 'web', uses: sourceFiles(WEB).flatMap((f) => tablesUsedIn(f, known, entities)) },
];

describe('data boundaries (docs/data-boundaries.md)', () => {
  it('gives every table the migrations create exactly one owning lib', () => {
    const listed = tableRows('Who owns which table').flatMap(([, tables]) => tables);
    expect(listed.filter((t, i) => listed.indexOf(t) !== i)).toEqual([]);
    expect([...known].filter((t) => !owners.has(t)).sort()).toEqual([]);
    expect(listed.filter((t) => !known.has(t))).toEqual([]);
    expect([...new Set(owners.values())].filter((lib) => !LIBS.includes(lib))).toEqual([]);
  });

  it('finds the SQL it checks (the scanner is not blind)', () => {
    const catalog = scanned.find((s) => s.context === 'catalog')!.uses;
    expect(catalog.some((u) => u.table === 'products' && u.file.endsWith('product-views.service.ts'))).toBe(true);
    expect(scanned.find((s) => s.context === 'enterprise-profile')!.uses.some((u) => u.table === 'enterprise_members')).toBe(true);
  });

  it("reads no other context's table outside the allowed list", () => {
    const violations = scanned.flatMap(({ context, uses }) =>
      uses
        .filter((u) => owners.get(u.table) !== context && !allowed.get(u.file)?.has(u.table))
        .map((u) => `${u.file}:${u.line} reads ${u.table} (owned by ${owners.get(u.table)})`),
    );
    // Go through the owner's public read model or service, or, for a deliberate SQL read model,
    // add a row to "Allowed cross-context reads" in docs/data-boundaries.md saying why.
    expect(violations).toEqual([]);
  });

  it('lists no allowed read that the code no longer makes (the list stays exact)', () => {
    const used = new Set(scanned.flatMap(({ uses }) => uses.map((u) => `${u.file} ${u.table}`)));
    const stale = [...allowed].flatMap(([file, tables]) => [...tables].filter((t) => !used.has(`${file} ${t}`)).map((t) => `${file} ${t}`));
    expect(stale).toEqual([]);
  });
});
