// The layering rules of ARCHITECTURE.md, checked over a source tree (the real one, or a planted one in the
// test): the pure core imports neither VS Code, nor the LSP libraries, nor the shells (lsp/, cli/, node/);
// the client reaches the server's code only through named doors; the language server (lsp/) reaches the
// project index only through the language service (core/service.ts, its session); the core keeps no state in
// module globals (a cache belongs to the object that owns its input: two language services share nothing);
// server/src has no import cycle (type-only imports count: a cycle by type is still two modules that must be
// read together).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface ImportRef {
  from: string;
  specifier: string;
  /** Resolved repository-relative file for a relative specifier (undefined for a package). */
  target?: string;
  typeOnly: boolean;
}

/** Packages the core must never import (and their subpaths: vscode-languageserver/node). */
const CORE_FORBIDDEN_PACKAGES = ['vscode', 'vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-languageserver-protocol', 'vscode-languageserver-types', 'vscode-languageclient', 'vscode-jsonrpc'];
/** The shells the core must never import. */
const CORE_FORBIDDEN_DIRS = ['server/src/lsp/', 'server/src/cli/', 'server/src/node/', 'client/'];
const CORE_FORBIDDEN_FILES = ['server/src/cli.ts', 'server/src/protocol.ts'];

/**
 * Core modules the LSP shell must not import, not even by type: the project's state has one owner, the
 * language service's session (core/session.ts), and the server talks to it only through the service.
 */
export const LSP_FORBIDDEN_FILES = ['server/src/core/project/index.ts'];

/**
 * Module-level bindings of the core allowed to hold state, each with why it is the same for every language
 * service in the process (`file:name`). Anything else — a `let`, or a Map/Set/WeakMap/WeakSet created empty,
 * weak, or written to by its module — is state with no owner: put it in the object that owns its input.
 */
export const CORE_MODULE_STATE_ALLOWED: Record<string, string> = {
  'server/src/core/validate/schemaValidators.ts:compiled': 'the schemas/*.schema.json validators compiled when run from the sources (the bundles carry them precompiled): made once per schema, never changed, the same for everyone',
};

const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);
const WRITES = new Set(['set', 'add', 'delete', 'clear']);

/** Module-level state of one file: `let`/`var` bindings, and collections made empty, weak or written to (names). */
export function moduleState(root: string, file: string): { name: string; why: string }[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const written = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) && WRITES.has(node.expression.name.text)) {
      written.add(node.expression.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const out: { name: string; why: string }[] = [];
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const mutable = !(statement.declarationList.flags & ts.NodeFlags.Const);
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      const name = d.name.text;
      if (mutable) {
        out.push({ name, why: 'a module-level let/var' });
        continue;
      }
      let init = d.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
      if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression) || !COLLECTIONS.has(init.expression.text)) continue;
      const kind = init.expression.text;
      if (kind.startsWith('Weak')) out.push({ name, why: `a module-level ${kind} (a cache keyed by objects)` });
      else if (!init.arguments?.length) out.push({ name, why: `a module-level ${kind} created empty (filled later: a cache)` });
      else if (written.has(name)) out.push({ name, why: `a module-level ${kind} its module writes to` });
    }
  }
  return out;
}

/**
 * Client files that are bundles of their own, required on first use (esbuild.mjs): they may import any core.
 */
export const CLIENT_ENGINE_DOORS = ['client/src/send/engine.ts', 'client/src/generate/engine.ts'];
/**
 * Server modules any client file may import at run time: the protocol, and small dependency-free core
 * modules whose code is meant to run in the extension host at activation. Type-only imports are free.
 */
export const CLIENT_DOORS = [
  'server/src/protocol.ts',
  'server/src/core/project/fileKinds.ts',
  'server/src/core/project/sfdxProject.ts',
  'server/src/core/callout/names.ts',
  'server/src/core/callout/curl.ts',
  'server/src/core/callout/secrets.ts',
];

function walk(root: string, dir: string, out: string[]): void {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return;
  for (const e of readdirSync(abs)) {
    const rel = path.posix.join(dir, e);
    if (statSync(path.join(root, rel)).isDirectory()) walk(root, rel, out);
    else if (/\.tsx?$/.test(e) && !e.endsWith('.d.ts')) out.push(rel);
  }
}

function resolve(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const abs = path.join(root, c);
    if (existsSync(abs) && statSync(abs).isFile()) return c;
  }
  return base;
}

/** Every import, export-from, import() and require() of one file. */
export function importsOf(root: string, file: string): ImportRef[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const add = (specifier: string, typeOnly: boolean) => out.push({ from: file, specifier, target: resolve(root, file, specifier), typeOnly });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node.moduleReference.expression.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const isPackage = (specifier: string, pkg: string) => specifier === pkg || specifier.startsWith(`${pkg}/`);

/** Violations of the layering rules in the tree at `root` (repository-relative messages, sorted). */
export function checkLayering(root: string): string[] {
  const problems: string[] = [];
  const serverFiles: string[] = [];
  walk(root, 'server/src', serverFiles);
  const clientFiles: string[] = [];
  walk(root, 'client/src', clientFiles);
  const graph = new Map<string, string[]>();
  for (const file of serverFiles) {
    const imports = importsOf(root, file);
    graph.set(file, imports.filter((i) => i.target?.startsWith('server/src/')).map((i) => i.target!));
    if (file.startsWith('server/src/lsp/')) {
      for (const i of imports) {
        if (i.target && LSP_FORBIDDEN_FILES.includes(i.target)) problems.push(`${file}: the language server imports ${i.target} (the project index is reached through the language service: service.session)`);
      }
    }
    if (!file.startsWith('server/src/core/')) continue;
    for (const state of moduleState(root, file)) {
      if (CORE_MODULE_STATE_ALLOWED[`${file}:${state.name}`]) continue;
      problems.push(`${file}: ${state.name} is ${state.why} — state with no owner; keep it in the object that owns its input (or allow it in CORE_MODULE_STATE_ALLOWED with why it is the same for everyone)`);
    }
    for (const i of imports) {
      const pkg = CORE_FORBIDDEN_PACKAGES.find((p) => isPackage(i.specifier, p));
      if (pkg) problems.push(`${file}: the core imports ${i.specifier} (core stays free of VS Code and LSP)`);
      if (i.target && (CORE_FORBIDDEN_DIRS.some((d) => i.target!.startsWith(d)) || CORE_FORBIDDEN_FILES.includes(i.target))) {
        problems.push(`${file}: the core imports ${i.target} (a shell; the shells import the core, never the reverse)`);
      }
    }
  }
  for (const file of clientFiles) {
    if (CLIENT_ENGINE_DOORS.includes(file)) continue;
    for (const i of importsOf(root, file)) {
      if (!i.target?.startsWith('server/') || i.typeOnly || CLIENT_DOORS.includes(i.target)) continue;
      problems.push(`${file}: the client imports ${i.target} at run time outside the named doors (layeringCheck.ts CLIENT_DOORS, or an engine bundle)`);
    }
  }
  for (const cycle of importCycles(graph)) problems.push(`import cycle: ${cycle.join(' → ')}`);
  return problems.sort();
}

/** Every strongly connected component of more than one file (or a file importing itself), as a cycle path. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(cyclePath(graph, new Set(scc)));
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
}

/** One concrete cycle through a component (its smallest file), for a readable message. */
function cyclePath(graph: Map<string, string[]>, scc: Set<string>): string[] {
  const start = [...scc].sort()[0];
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!scc.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let c = v; c !== start; c = prev.get(c)!) path.splice(1, 0, c);
        return [...path, start, `(${scc.size} files in the cycle)`];
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...scc];
}
