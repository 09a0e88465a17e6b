/**
 * Which message keys the browser needs, per layout scope (#17).
 *
 * Client components translate with `useT()`, and until now the root layout sent them the whole
 * catalogue (111 KB of zh-CN JSON on every page, the public sign-in page included). This script
 * reads the sources instead: starting from each scope's layouts and pages it follows imports, and
 * in every module that runs in the browser (a 'use client' file and everything it imports) it
 * collects the string literals that are catalogue keys, and the heads of template literals that
 * name a key family (`cases.status.${s}` → every key under `cases.status.`). A scope's provider then
 * sends only those keys.
 *
 * Collecting every key-shaped literal, not only those written inside `t(...)`, over-approximates
 * on purpose: keys are also kept in constant tables (`{ value: 'x', label: 'orders.fields.x' }`)
 * and handed to `t()` as variables.
 *
 *   tsx scripts/i18n-client-keys.ts           writes lib/i18n/client-keys.json
 *   tsx scripts/i18n-client-keys.ts --check   exits 1 when that file is out of date
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CLIENT_SCOPES, type ClientScope } from '../lib/i18n/scopes';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OUT = path.join(ROOT, 'lib/i18n/client-keys.json');
const EXTENSIONS = ['.tsx', '.ts', '/index.tsx', '/index.ts'];
/** Next.js files of a route segment that render in its tree (route handlers are not UI). */
const SEGMENT_FILE = /^(page|layout|template|loading|error|not-found|default)\.tsx?$/;

type Module = {
  file: string;
  client: boolean;
  server: boolean;
  imports: string[];
  literals: string[];
  prefixes: string[];
};

function flatKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => flatKeys(v, prefix ? `${prefix}.${k}` : k));
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null; // a package: its texts are not ours
  if (/\.(tsx?|json)$/.test(base) && fs.existsSync(base)) return base.endsWith('.json') ? null : base;
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

const modules = new Map<string, Module>();

function parse(file: string): Module {
  const cached = modules.get(file);
  if (cached) return cached;
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const directive = (name: string) =>
    source.statements.some(
      (st) => ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression) && st.expression.text === name,
    );
  const client = directive('use client');
  // A 'use server' module reaches the browser as references to its actions, and a server-only one
  // not at all: their texts are translated on the server.
  const server = directive('use server') || /^import 'server-only';$/m.test(text);
  const mod: Module = { file, client, server, imports: [], literals: [], prefixes: [] };
  modules.set(file, mod);
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      // Type-only imports bring no code (and so no texts) into the browser.
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly;
      if (!typeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolveImport(file, node.moduleSpecifier.text);
        if (target) mod.imports.push(target);
      }
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      const target = resolveImport(file, node.arguments[0].text);
      if (target) mod.imports.push(target);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      mod.literals.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      mod.prefixes.push(node.head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return mod;
}

/** The segment files of a scope: everything under its folders, not under a nested scope's. */
function segmentFiles(dir: string, exclude: string[]): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!exclude.some((e) => full === e)) out.push(...segmentFiles(full, exclude));
    } else if (SEGMENT_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** Files of a scope; the root scope's are only those directly in app/ and its own folders. */
function scopeEntries(scope: ClientScope): string[] {
  const dirs = CLIENT_SCOPES[scope].dirs.map((d) => path.join(ROOT, d));
  const nested = Object.values(CLIENT_SCOPES)
    .flatMap((s) => s.dirs)
    .map((d) => path.join(ROOT, d))
    .filter((d) => !dirs.includes(d));
  return dirs.flatMap((dir) =>
    CLIENT_SCOPES[scope].shallow
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isFile() && SEGMENT_FILE.test(e.name))
          .map((e) => path.join(dir, e.name))
      : segmentFiles(dir, nested),
  );
}

/** Keys that modules running in the browser can ask for, starting from `entries`. */
export function clientKeys(entries: string[], allKeys: string[]): string[] {
  const keySet = new Set(allKeys);
  const wanted = new Set<string>();
  const prefixes = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, inClient: boolean) => {
    const mod = parse(file);
    if (inClient && mod.server) return;
    const client = inClient || mod.client;
    const id = `${client ? 'c' : 's'}:${file}`;
    if (seen.has(id)) return;
    seen.add(id);
    if (client) {
      for (const literal of mod.literals) if (keySet.has(literal)) wanted.add(literal);
      for (const prefix of mod.prefixes) if (/^[a-zA-Z]+\./.test(prefix)) prefixes.add(prefix);
    }
    for (const target of mod.imports) walk(target, client);
  };
  for (const entry of entries) walk(entry, false);
  for (const key of allKeys) if ([...prefixes].some((p) => key.startsWith(p))) wanted.add(key);
  return allKeys.filter((k) => wanted.has(k));
}

export function computeClientKeys(): Record<ClientScope, string[]> {
  const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'messages/en.json'), 'utf8')) as unknown;
  const allKeys = flatKeys(catalogue);
  const result = {} as Record<ClientScope, string[]>;
  for (const scope of Object.keys(CLIENT_SCOPES) as ClientScope[])
    result[scope] = clientKeys(scopeEntries(scope), allKeys);
  return result;
}

function main() {
  const next = `${JSON.stringify(computeClientKeys(), null, 2)}\n`;
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== next) {
      console.error('lib/i18n/client-keys.json is out of date: run `npm run i18n:keys`.');
      process.exit(1);
    }
    return;
  }
  if (current !== next) fs.writeFileSync(OUT, next);
  const counts = Object.entries(JSON.parse(next) as Record<string, string[]>).map(([s, k]) => `${s} ${k.length}`);
  process.stdout.write(`client keys: ${counts.join(', ')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
