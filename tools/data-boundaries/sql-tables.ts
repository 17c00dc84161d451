import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** A table named in SQL text (or a query-builder call) of one source file. */
export interface TableUse {
  file: string;
  line: number;
  table: string;
}

const ROOT = join(__dirname, '../..');
const MIGRATIONS = join(ROOT, 'libs/core/src/database/migrations');

/** Every table the migrations create (the schema's full list). */
export function tablesCreatedByMigrations(): Set<string> {
  const tables = new Set<string>();
  for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(join(MIGRATIONS, file), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_][a-z0-9_]*)/g)) tables.add(m[1]);
  }
  return tables;
}

/** Entity classes of the whole repository and their tables (`@Entity('table') export class X`). */
export function entityTables(): Map<string, string> {
  const byClass = new Map<string, string>();
  for (const file of sourceFiles('libs')) {
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/@Entity\(\s*'([a-z_][a-z0-9_]*)'[^)]*\)[\s\S]*?export class (\w+)/g))
      byClass.set(m[2], m[1]);
  }
  return byClass;
}

/** Source files of a folder, without specs, migrations and seeds of reference data. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (path !== 'libs/core/src/database/migrations') out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

// A table follows one of these keywords in SQL text; a bare name is a table when passed to a
// TypeORM query-builder or repository call.
const SQL_REFERENCE = /\b(?:from|join|update|into|table)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;
const BUILDER_CALLS = new Set([
  'from',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'into',
  'update',
  'delete',
  'getRepository',
  'createQueryBuilder',
]);

/**
 * Tables of `known` that a file names: in SQL text (string and template literals), as a bare name
 * given to a query-builder or repository call, or through an entity class passed to any call
 * (`getRepository(EnterpriseEntity)`, `manager.findOneBy(UserEntity, …)`).
 */
export function tablesUsedIn(file: string, known: Set<string>, entities: Map<string, string> = new Map()): TableUse[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const uses: TableUse[] = [];
  const add = (node: ts.Node, table: string) => {
    if (!known.has(table)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    if (!uses.some((u) => u.table === table && u.line === line)) uses.push({ file, line, table });
  };
  const visit = (node: ts.Node) => {
    let literal: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node)) literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' $x ');
    if (literal !== undefined) {
      for (const m of literal.matchAll(SQL_REFERENCE)) add(node, m[1].toLowerCase());
      const call = node.parent;
      if (
        ts.isCallExpression(call) &&
        call.arguments[0] === node &&
        ts.isPropertyAccessExpression(call.expression) &&
        BUILDER_CALLS.has(call.expression.name.text)
      )
        add(node, literal);
    }
    if (ts.isCallExpression(node)) {
      for (const arg of node.arguments) if (ts.isIdentifier(arg) && entities.has(arg.text)) add(arg, entities.get(arg.text)!);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}
