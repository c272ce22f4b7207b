// Completion as people really type: an unterminated string, an unclosed `{!`, the editor's auto-closed `}`
// after the cursor, YAML plain/quoted scalars and JSON strings. Each case applies the picked entry to the text
// and checks the line that results, and that the file parses again afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { getLanguageService } from '../../server/src/core/service';
import { parseCalloutText } from '../../server/src/core/parse';
import type { CompletionEntry } from '../../server/src/core/language';
import { demoProject, examplesRoot } from './helpers';

const FLOW = 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml';

async function service() {
  const project = await demoProject();
  return getLanguageService({ project: () => project });
}

/** `|` marks the cursor. */
function at(src: string, ext: 'yaml' | 'json' = 'yaml') {
  const fileName = path.join(examplesRoot, 'callouts', `Typing.callout.${ext}`);
  const offset = src.indexOf('|');
  return { doc: { uri: 'file://' + fileName, fileName, text: src.replace('|', '') }, offset };
}

/** The text after picking `label`, as the editor applies it (replace range, then insert text). */
function pick(text: string, items: CompletionEntry[], label: string): string {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `"${label}" offered; got ${items.map((i) => i.label).join(', ') || 'nothing'}`);
  const r = item.replace!;
  return text.slice(0, r.offset) + (item.insertText ?? item.label) + text.slice(r.offset + r.length);
}

function lineOf(text: string, needle: string): string {
  return text.split('\n').find((l) => l.includes(needle)) ?? '';
}

function parsesClean(text: string, ext: 'yaml' | 'json') {
  const tree = parseCalloutText(text, `x.callout.${ext}`);
  assert.deepEqual(tree.syntaxErrors.map((e) => e.message), [], text);
}

// The flow (which gives $Record's object and the flow variables) comes after the line being typed, where an
// open YAML quote swallows it.
const yamlBody = (line: string) => `name: A\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\nrequest:\n  body:\n    id: "{!$Record.Id}"\n${line}\n    tail: 1\nflow: ${FLOW}\n`;
const jsonBody = (line: string) => `{\n  "name": "A",\n  "namedCredential": "ExternalCRM",\n  "method": "POST",\n  "path": "/x",\n  "request": {\n    "body": {\n${line}\n      "tail": 1\n    }\n  },\n  "flow": "${FLOW}"\n}\n`;

test('YAML: unterminated double quote, auto-closed } after the cursor: $Record fields, closing both', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody('    phone: "{!$Record.|}'));
  const items = s.complete(doc, offset);
  assert.match(items.find((i) => i.label === 'Phone')?.detail ?? '', /Lead\.Phone/);
  const after = pick(doc.text, items, 'Phone');
  assert.equal(lineOf(after, 'phone:'), '    phone: "{!$Record.Phone}"');
  parsesClean(after, 'yaml');
});

test('YAML: unterminated double quote and no } yet', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody('    email: "{!$Record.Em|'));
  const after = pick(doc.text, s.complete(doc, offset), 'Email');
  assert.equal(lineOf(after, 'email:'), '    email: "{!$Record.Email}"');
  parsesClean(after, 'yaml');
});

test('YAML: unterminated single quote', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody("    email: '{!$Record.|}"));
  const after = pick(doc.text, s.complete(doc, offset), 'Email');
  assert.equal(lineOf(after, 'email:'), "    email: '{!$Record.Email}'");
  parsesClean(after, 'yaml');
});

test('YAML: plain scalar with text before the merge field keeps the rest of the line', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody('    note: Lead {!$Record.Fir|} from web'));
  const after = pick(doc.text, s.complete(doc, offset), 'FirstName');
  assert.equal(lineOf(after, 'note:'), '    note: Lead {!$Record.FirstName} from web');
});

test('YAML: closed string, cursor inside a name: the whole name and the } are replaced once', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody('    email: "{!$Record.Em|ail}"'));
  const after = pick(doc.text, s.complete(doc, offset), 'Phone');
  assert.equal(lineOf(after, 'email:'), '    email: "{!$Record.Phone}"');
  parsesClean(after, 'yaml');
});

test('YAML: flow variables after {! in an unterminated string (leaf closes, an Apex-typed one does not)', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody('    status: "{!|}'));
  const items = s.complete(doc, offset);
  assert.equal(lineOf(pick(doc.text, items, 'externalLeadId'), 'status:'), '    status: "{!externalLeadId}"');
  // An Apex-defined variable has members: the entry stops at its name so a dot can follow.
  assert.equal(lineOf(pick(doc.text, items, 'createdLead'), 'status:'), '    status: "{!createdLead}');
  // Globals too.
  assert.equal(lineOf(pick(doc.text, items, '$Record'), 'status:'), '    status: "{!$Record}');
});

test('YAML: global members ($Flow., $User.) close the merge field', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody('    when: "{!$Flow.Cur|}'));
  const after = pick(doc.text, s.complete(doc, offset), 'CurrentDateTime');
  assert.equal(lineOf(after, 'when:'), '    when: "{!$Flow.CurrentDateTime}"');
});

test('JSON: unterminated string with the auto-closed } after the cursor', async () => {
  const s = await service();
  const { doc, offset } = at(jsonBody('      "phone": "{!$Record.|}'), 'json');
  const after = pick(doc.text, s.complete(doc, offset), 'Phone');
  assert.equal(lineOf(after, '"phone"'), '      "phone": "{!$Record.Phone}"');
});

test('JSON: closed string, } already there: nothing doubled', async () => {
  const s = await service();
  const { doc, offset } = at(jsonBody('      "phone": "{!$Record.Ph|}",'), 'json');
  const after = pick(doc.text, s.complete(doc, offset), 'Phone');
  assert.equal(lineOf(after, '"phone"'), '      "phone": "{!$Record.Phone}",');
  parsesClean(after, 'json');
});

test('JSON: flow variables in an unterminated string', async () => {
  const s = await service();
  const { doc, offset } = at(jsonBody('      "id": "{!ext|}'), 'json');
  const after = pick(doc.text, s.complete(doc, offset), 'externalLeadId');
  assert.equal(lineOf(after, '"id"'), '      "id": "{!externalLeadId}"');
});

test('named credentials in an unterminated quoted value (YAML double, YAML single, JSON)', async () => {
  const s = await service();
  const y = at('name: A\nnamedCredential: "Ext|\nmethod: POST\n');
  assert.equal(lineOf(pick(y.doc.text, s.complete(y.doc, y.offset), 'ExternalCRM'), 'namedCredential'), 'namedCredential: "ExternalCRM"');
  const ys = at("name: A\nnamedCredential: '|\nmethod: POST\n");
  assert.equal(lineOf(pick(ys.doc.text, s.complete(ys.doc, ys.offset), 'OpenMeteo'), 'namedCredential'), "namedCredential: 'OpenMeteo'");
  const j = at('{\n  "name": "A",\n  "namedCredential": "Ext|\n}', 'json');
  assert.equal(lineOf(pick(j.doc.text, s.complete(j.doc, j.offset), 'ExternalCRM'), 'namedCredential'), '  "namedCredential": "ExternalCRM"');
});

test('enum values: plain, unterminated quote, closed quote', async () => {
  const s = await service();
  const plain = at('name: A\nmethod: P|\npath: /x\n');
  assert.equal(lineOf(pick(plain.doc.text, s.complete(plain.doc, plain.offset), 'POST'), 'method'), 'method: POST');
  const open = at('name: A\nmethod: "P|\npath: /x\n');
  const afterOpen = pick(open.doc.text, s.complete(open.doc, open.offset), 'PATCH');
  assert.equal(lineOf(afterOpen, 'method'), 'method: "PATCH"');
  parsesClean(afterOpen, 'yaml');
  const closed = at('{\n  "name": "A",\n  "method": "P|",\n  "path": "/x"\n}', 'json');
  assert.equal(lineOf(pick(closed.doc.text, s.complete(closed.doc, closed.offset), 'PUT'), 'method'), '  "method": "PUT",');
  const jsonOpen = at('{\n  "name": "A",\n  "method": "P|\n}', 'json');
  assert.equal(lineOf(pick(jsonOpen.doc.text, s.complete(jsonOpen.doc, jsonOpen.offset), 'POST'), 'method'), '  "method": "POST"');
});

test('a quote inside a closed value is not taken for an open one', async () => {
  const s = await service();
  const { doc, offset } = at(yamlBody('    note: "say \\"hi\\" to {!$Record.Fir|}"'));
  const after = pick(doc.text, s.complete(doc, offset), 'FirstName');
  assert.equal(lineOf(after, 'note:'), '    note: "say \\"hi\\" to {!$Record.FirstName}"');
  parsesClean(after, 'yaml');
});
