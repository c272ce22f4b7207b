// Every custom LSP message is declared once, in server/src/protocol.ts, as a typed message object; the server,
// the client, the tests and the benchmarks use those objects. A bare method string anywhere else fails here
// (checked on the real tree, and shown to catch a planted one).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import * as protocol from '../../server/src/protocol';

const repo = path.resolve(__dirname, '../..');
const PROTOCOL_FILE = 'server/src/protocol.ts';
/** Where code that could speak the protocol lives. */
const SOURCE_DIRS = ['server/src', 'client/src', 'test', 'bench', 'scripts', 'media', 'examples'];
/** A quoted string (', ", `) that starts with the custom messages' prefix. */
const PREFIX = 'flowCallout';
const BARE_METHOD = new RegExp(`['"\`]${PREFIX}/[A-Za-z]`);

function sourceFiles(root: string, dir: string, out: string[] = []): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return out;
  for (const e of readdirSync(abs)) {
    if (e === 'node_modules' || e === 'fixtures' || e === '.vscode-test') continue;
    const rel = path.posix.join(dir, e);
    if (statSync(path.join(root, rel)).isDirectory()) sourceFiles(root, rel, out);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(e) && !e.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** `file:line: text` of every bare custom method string outside protocol.ts. */
function bareMethodStrings(root: string): string[] {
  const found: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(root, dir)) {
      if (file === PROTOCOL_FILE) continue;
      readFileSync(path.join(root, file), 'utf8').split('\n').forEach((line, i) => {
        if (BARE_METHOD.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  return found;
}

test('no bare flowCallout/… method string outside server/src/protocol.ts', () => {
  assert.deepEqual(bareMethodStrings(repo), []);
});

test('a planted bare method string is found (the check above can fail)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'protocol-'));
  try {
    mkdirSync(path.join(root, 'client/src'), { recursive: true });
    mkdirSync(path.join(root, 'server/src'), { recursive: true });
    // Built from PREFIX so that this file itself holds no bare method string.
    writeFileSync(path.join(root, PROTOCOL_FILE), `export const M = new RequestType('${PREFIX}/x');\n`);
    writeFileSync(path.join(root, 'client/src/a.ts'), `// calls the server\nclient.sendRequest("${PREFIX}/getCalloutContext", {});\n`);
    assert.deepEqual(bareMethodStrings(root), [`client/src/a.ts:2: client.sendRequest("${PREFIX}/getCalloutContext", {});`]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('every method string in protocol.ts is one exported RequestType or NotificationType, declared once', () => {
  const text = readFileSync(path.join(repo, PROTOCOL_FILE), 'utf8');
  const inText = [...text.matchAll(/new (?:Request|Notification)Type(?:<[^>]*(?:<[^>]*>[^>]*)*>)?\('([^']+)'\)/g)].map((m) => m[1]);
  const methods = (Object.values(protocol) as unknown[])
    .filter((v) => v instanceof RequestType || v instanceof NotificationType)
    .map((m) => (m as { method: string }).method);
  assert.ok(methods.length >= 2, 'the protocol declares its messages');
  assert.deepEqual([...methods].sort(), [...inText].sort());
  assert.equal(new Set(methods).size, methods.length, 'a method declared twice');
  for (const m of methods) assert.match(m, /^flowCallout\/[a-z][A-Za-z]+$/);
  assert.equal(protocol.GetCalloutContext instanceof RequestType, true);
  assert.equal(protocol.ProjectIndexed instanceof NotificationType, true);
});
