// The layering rules hold on the real tree, and the checker catches each kind of violation when one is
// planted in a small tree of its own (so a passing run means "no violation", not "nothing checked").
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkLayering, importsOf } from './layeringCheck';

const repo = path.resolve(__dirname, '../..');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'layering-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function withTree(files: Record<string, string>, check: (problems: string[]) => void): void {
  const root = tree(files);
  try {
    check(checkLayering(root));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A clean little tree; each test adds one violation to it. */
const CLEAN = {
  'server/src/core/a.ts': "import { b } from './b';\nexport const a = b + 1;\n",
  'server/src/core/b.ts': 'const KINDS = new Set([\'x\', \'y\']);\nexport const b = KINDS.has(\'x\') ? 1 : 0;\n',
  'server/src/core/project/fileKinds.ts': 'export const isFlowFile = (f: string) => f.endsWith(".flow");\n',
  'server/src/core/project/index.ts': 'export class ProjectIndex {}\n',
  'server/src/core/callout/run.ts': "import { a } from '../a';\nexport const run = () => a;\n",
  'server/src/lsp/server.ts': "import type { Connection } from 'vscode-languageserver';\nimport { a } from '../core/a';\nexport const s = (c: Connection) => a;\n",
  'server/src/protocol.ts': "export const Message = 'x/y';\n",
  'client/src/extension.ts': "import * as vscode from 'vscode';\nimport { Message } from '../../server/src/protocol';\nimport { isFlowFile } from '../../server/src/core/project/fileKinds';\nimport type { run } from '../../server/src/core/callout/run';\nexport const e = [vscode, Message, isFlowFile];\nexport type R = typeof run;\n",
  'client/src/send/engine.ts': "export { run } from '../../../server/src/core/callout/run';\n",
};

test('the real tree: core free of VS Code/LSP/shells, client through its doors, no import cycle in server/src', () => {
  assert.deepEqual(checkLayering(repo), []);
});

test('the planted clean tree passes (the violations below are the only difference)', () => {
  withTree(CLEAN, (problems) => assert.deepEqual(problems, []));
});

for (const [what, file, text, expected] of [
  ['core → vscode', 'server/src/core/c.ts', "import * as vscode from 'vscode';\nexport const c = vscode;\n", /server\/src\/core\/c\.ts: the core imports vscode /],
  ['core → vscode-languageserver', 'server/src/core/c.ts', "import type { Diagnostic } from 'vscode-languageserver';\nexport type C = Diagnostic;\n", /the core imports vscode-languageserver /],
  ['core → vscode-languageserver-textdocument', 'server/src/core/c.ts', "import { TextDocument } from 'vscode-languageserver-textdocument';\nexport const c = TextDocument;\n", /the core imports vscode-languageserver-textdocument/],
  ['core → lsp/', 'server/src/core/c.ts', "import { s } from '../lsp/server';\nexport const c = s;\n", /the core imports server\/src\/lsp\/server\.ts/],
  ['core → cli/ (by require)', 'server/src/core/c.ts', "export const c = require('../cli/validate');\n", /the core imports server\/src\/cli\/validate/],
  ['client → core outside the doors', 'client/src/panel.ts', "import { run } from '../../server/src/core/callout/run';\nexport const p = run;\n", /client\/src\/panel\.ts: the client imports server\/src\/core\/callout\/run\.ts at run time outside the named doors/],
  ['lsp → the project index (by type)', 'server/src/lsp/server.ts', "import type { ProjectIndex } from '../core/project/index';\nexport type P = ProjectIndex;\n", /server\/src\/lsp\/server\.ts: the language server imports server\/src\/core\/project\/index\.ts/],
  ['core module-level WeakMap cache', 'server/src/core/flow/memo.ts', "const memo = new WeakMap<object, string[]>();\nexport const m = (o: object) => memo.get(o);\n", /server\/src\/core\/flow\/memo\.ts: memo is a module-level WeakMap/],
  ['core module-level Map created empty', 'server/src/core/flow/memo.ts', "const byName = new Map<string, number>();\nexport const m = (k: string) => byName.get(k);\n", /memo\.ts: byName is a module-level Map created empty/],
  ['core module-level table written to', 'server/src/core/flow/memo.ts', "const SEEN = new Set(['a']);\nexport const m = (k: string) => SEEN.add(k);\n", /memo\.ts: SEEN is a module-level Set its module writes to/],
  ['core module-level let', 'server/src/core/flow/memo.ts', "let last: string | undefined;\nexport const m = (k: string) => (last = k);\n", /memo\.ts: last is a module-level let\/var/],
  ['a cycle by type-only imports', 'server/src/core/b.ts', "import type { a } from './a';\nexport const b = 1;\nexport type A = typeof a;\n", /import cycle: server\/src\/core\/a\.ts → server\/src\/core\/b\.ts → server\/src\/core\/a\.ts/],
  ['a cycle through re-exports', 'server/src/core/b.ts', "export const b = 1;\nexport { run } from './callout/run';\n", /import cycle: .*server\/src\/core\/callout\/run\.ts/],
] as const) {
  test(`a planted violation is reported: ${what}`, () => {
    withTree({ ...CLEAN, [file]: text }, (problems) => {
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], expected);
    });
  });
}

test('type-only imports are told apart from value imports', () => {
  const root = tree({
    'x.ts': [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { D, type E } from './d';",
      "export type { F } from './f';",
      "import G from './g';",
      "const h = import('./h');",
      "type I = import('./i').I;",
    ].join('\n'),
  });
  try {
    const got = importsOf(root, 'x.ts').map((i) => `${i.specifier}:${i.typeOnly ? 'type' : 'value'}`);
    assert.deepEqual(got, ['./a:type', './b:type', './d:value', './f:type', './g:value', './h:value', './i:type']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
