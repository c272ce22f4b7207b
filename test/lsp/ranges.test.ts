// Definition and outline ranges through the protocol on CR-only and mixed line endings. Replacing each LF of a
// flow by CR, CR LF or a mix keeps every (line, character) position — an editor splits lines at all three — so
// the ranges must equal those of the LF text exactly, as the diagnostics' do (one converter: lsp/convert.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, DocumentSymbol, Location, Range } from 'vscode-languageserver-protocol';
import { repoRoot, startServer, type TestServer } from './client';

const examples = path.join(repoRoot, 'examples');
const flows = path.join(examples, 'force-app/main/default/flows');
const demoFlow = path.join(flows, 'Lead_To_External_CRM.flow-meta.xml');
let server: TestServer;

before(async () => {
  server = await startServer(examples);
});
after(async () => {
  await server?.stop();
});

/** The position of `offset` in LF-only text. */
const position = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

function withEndings(text: string, endings: string[]): string {
  let i = 0;
  return text.replace(/\n/g, () => endings[i++ % endings.length]);
}

/** Every range of an outline, depth first, with the symbol's name. */
function outlineRanges(symbols: DocumentSymbol[], out: [string, Range, Range][] = []): [string, Range, Range][] {
  for (const s of symbols) {
    out.push([s.name, s.range, s.selectionRange]);
    outlineRanges(s.children ?? [], out);
  }
  return out;
}

interface Answers {
  definition: Location;
  outline: [string, Range, Range][];
  diagnostics: Diagnostic[];
}

async function answers(name: string, text: string, at: { line: number; character: number }): Promise<Answers> {
  const file = path.join(flows, `${name}.flow-meta.xml`);
  const pending = server.diagnostics('file://' + file);
  const { uri } = await server.open(file, text, 'flow-metadata-xml');
  const diagnostics = await pending;
  const definition = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: at })) as Location;
  const outline = outlineRanges((await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[]);
  return { definition: { ...definition, uri: definition.uri.replace(name, 'X') }, outline, diagnostics };
}

test('definition and outline ranges on a CR-only and a mixed-endings flow equal those of the LF flow', async () => {
  // A flow with findings too (a misspelt field), so the diagnostics' ranges are compared alongside.
  const lf = readFileSync(demoFlow, 'utf8').replace('<elementReference>$Record.Company</elementReference>', '<elementReference>$Record.Compnay</elementReference>');
  assert.ok(!lf.includes('\r'));
  const ref = lf.indexOf('<elementReference>createdLead.id</elementReference>') + '<elementReference>'.length + 3;
  const at = position(lf, ref);
  const expected = await answers('Ranges_LF', lf, at);
  // The LF answers are the right ones: the declaration of createdLead, the start and the action's name.
  const declaration = lf.indexOf('<name>createdLead</name>') + '<name>'.length;
  assert.deepEqual(expected.definition.range, { start: position(lf, declaration), end: position(lf, declaration + 'createdLead'.length) });
  const action = expected.outline.find(([name]) => name === 'Create_CRM_Lead');
  const actionName = lf.indexOf('<name>Create_CRM_Lead</name>') + '<name>'.length;
  assert.deepEqual(action?.[2], { start: position(lf, actionName), end: position(lf, actionName + 'Create_CRM_Lead'.length) });
  assert.ok(expected.outline.length > 5 && expected.diagnostics.some((d) => d.code === 'flow-record-field'));

  for (const [name, endings] of [['Ranges_CR', ['\r']], ['Ranges_Mixed', ['\r', '\r\n', '\n', '\r']]] as const) {
    const text = withEndings(lf, [...endings]);
    assert.ok(text.includes('\r') && text.length >= lf.length);
    const got = await answers(name, text, at);
    assert.deepEqual(got.definition, expected.definition, `${name}: definition`);
    assert.deepEqual(got.outline, expected.outline, `${name}: outline`);
    assert.deepEqual(got.diagnostics.map((d) => [d.code, d.range]), expected.diagnostics.map((d) => [d.code, d.range]), `${name}: diagnostics`);
  }
});
