// Completion and hover in callout definitions, through the language-service facade.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { getLanguageService } from '../../server/src/core/service';
import { demoProject, examplesRoot, marked } from './helpers';

async function service() {
  const project = await demoProject();
  return getLanguageService({ project: () => project });
}

/** `|` marks the cursor. */
function at(src: string, fileName = path.join(examplesRoot, 'callouts', 'Test.callout.yaml')) {
  const offset = src.indexOf('|');
  return { doc: { uri: 'file://' + fileName, fileName, text: src.replace('|', '') }, offset };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

test('completion after {!$Record. lists the object fields with their types', async () => {
  const s = await service();
  const { doc, offset } = at('name: A\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\nobject: Lead\nrequest:\n  body:\n    email: "{!$Record.|"\n');
  const items = s.complete(doc, offset);
  assert.ok(labels(items).includes('Email'));
  assert.ok(labels(items).includes('External_Id__c'), 'custom field from the project');
  const email = items.find((i) => i.label === 'Email')!;
  assert.match(email.detail ?? '', /Lead\.Email: Email/);
  assert.equal(doc.text.slice(email.replace!.offset, email.replace!.offset + email.replace!.length), '');
});

test('completion after {! lists globals and the linked flow variables', async () => {
  const s = await service();
  const { doc, offset } = at('name: A\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\nflow: force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml\nrequest:\n  body:\n    x: "{!|"\n');
  const l = labels(s.complete(doc, offset));
  for (const g of ['$Record', '$Flow', '$User', '$Organization', '$Api', '$Label', '$Setup', '$Permission', '$System']) assert.ok(l.includes(g), g);
  assert.ok(l.includes('errorMessage'));
});

test('completion after {!$Flow. lists members', async () => {
  const s = await service();
  const { doc, offset } = at('request:\n  body:\n    x: "{!$Flow.Cu|"\n');
  const l = labels(s.complete(doc, offset));
  assert.ok(l.includes('CurrentDateTime'));
});

test('completion at namedCredential: lists the project credentials', async () => {
  const s = await service();
  const { doc, offset } = at('name: A\nnamedCredential: |\n');
  const items = s.complete(doc, offset);
  assert.deepEqual(labels(items).sort(), ['AddressCheck', 'ExternalCRM', 'OpenMeteo']);
  assert.equal(items.find((i) => i.label === 'ExternalCRM')?.detail, 'https://api.example-crm.com');
});

test('completion of method values comes with descriptions', async () => {
  const s = await service();
  const { doc, offset } = at('method: |\n');
  const items = s.complete(doc, offset);
  assert.deepEqual(labels(items), ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  assert.match(items[0].documentation ?? '', /No request body/);
});

test('completion of keys omits present ones and offers section snippets', async () => {
  const s = await service();
  const { doc, offset } = at('name: A\nmethod: GET\n|\n');
  const l = labels(s.complete(doc, offset));
  assert.ok(l.includes('namedCredential') && l.includes('responses') && l.includes('outputs'));
  assert.ok(!l.includes('name') && !l.includes('method'));
  const r = at('name: A\nresponses:\n  |\n');
  const rl = labels(s.complete(r.doc, r.offset));
  assert.ok(rl.includes('2XX response') && rl.includes('4XX response'), rl.join());
});

test('completion of outputs.from lists sample field paths; outputs.to lists flow variables', async () => {
  const s = await service();
  const base = 'name: A\nnamedCredential: ExternalCRM\nmethod: GET\npath: /x\nflow: force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml\nresponses:\n  2XX:\n    sample: { id: a, nested: { score: 1 } }\noutputs:\n';
  const from = at(base + '  - from: 2XX.|\n');
  const fl = labels(s.complete(from.doc, from.offset));
  assert.ok(fl.includes('responseCode') && fl.includes('2XX.id') && fl.includes('2XX.nested.score'), fl.join());
  const to = at(base + '  - from: 2XX.id\n    to: |\n');
  assert.ok(labels(s.complete(to.doc, to.offset)).includes('externalLeadId'));
  const inline = at(base + '  - { from: 2XX.id, to: ext| }\n');
  assert.ok(labels(s.complete(inline.doc, inline.offset)).includes('externalLeadId'));
});

test('completion in JSON definitions', async () => {
  const s = await service();
  const file = path.join(examplesRoot, 'callouts', 'Test.callout.json');
  const { doc, offset } = at('{"name": "A", "method": |}', file);
  const items = s.complete(doc, offset);
  assert.ok(items.some((i) => i.insertText === '"GET"'));
});

test('hover on a sample value shows its Flow type and the generated Apex names', async () => {
  const s = await service();
  const { doc, offset } = at('name: Crm\noperation: createLead\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\nresponses:\n  2XX:\n    sample: { id: L-1, score: 8|7, type: x }\n');
  const h = s.hover(doc, offset)!;
  assert.match(h.contents, /2XX\.score\*\* → Flow type \*\*Integer\*\*/);
  assert.match(h.contents, /ExternalService__Crm_createLead_OUT_2XX/);
  assert.equal(doc.text.slice(h.offset, h.offset + h.length), '87');
  const k = at('name: Crm\noperation: createLead\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\nresponses:\n  2XX:\n    sample: { id: L-1, ty|pe: x }\n');
  assert.match(s.hover(k.doc, k.offset)!.contents, /Apex property `z0type`/);
});

test('hover on a key shows the schema documentation', async () => {
  const s = await service();
  const { doc, offset } = at('name: A\nnamedCre|dential: ExternalCRM\n');
  const h = s.hover(doc, offset)!;
  assert.match(h.contents, /named credential/);
});

test('hover on a merge field shows what it resolves to', async () => {
  const s = await service();
  const { doc, offset } = at('name: A\nobject: Lead\nrequest:\n  body:\n    a: "{!$Record.Em|ail}"\n');
  const h = s.hover(doc, offset)!;
  assert.match(h.contents, /\*\*Email\*\* — Lead\.Email/);
});

test('hover on the named credential shows its URL', async () => {
  const s = await service();
  const { doc, offset } = at('name: A\nnamedCredential: Exter|nalCRM\n');
  const contents = s.hover(doc, offset)!.contents;
  assert.match(contents, /https:\/\/api\.example-crm\.com/);
  // Where it is, relative to the project: never the absolute path of someone's checkout.
  assert.match(contents, /`force-app\/main\/default\/namedCredentials\/ExternalCRM\.namedCredential-meta\.xml`/);
  assert.ok(!contents.includes(examplesRoot), contents);
  const nc = at('name: A\nnamedCredential: |\n');
  for (const item of s.complete(nc.doc, nc.offset)) assert.ok(!item.documentation?.includes(examplesRoot), item.documentation);
});

test('marked() helper strips markers', () => {
  assert.deepEqual(marked('a⟦bc⟧d'), { text: 'abcd', ranges: [{ offset: 1, length: 2 }] });
});

test('an empty document offers the whole-definition snippet, in YAML and JSON form', async () => {
  const s = await service();
  const { doc, offset } = at('|');
  const snip = s.complete(doc, offset).find((i) => i.label === 'callout definition')!;
  assert.ok(snip.snippet);
  assert.match(snip.insertText!, /^name: \$\{1:MyService\}/m);
  assert.match(snip.insertText!, /^responses:\n {2}2XX:\n {4}sample:/m);
  assert.match(snip.insertText!, /^outputs:\n {2}- from: responseCode\n {4}to: \$\{9:statusCode\}/m);
  // The project's named credentials to choose from, and first in the list of an empty file.
  assert.match(snip.insertText!, /^namedCredential: \$\{3\|AddressCheck,ExternalCRM,OpenMeteo\|\}$/m);
  const items = s.complete(doc, offset);
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.equal(sorted[0].label, 'callout definition');
  // Once the file has keys, the key completions come first again.
  const later = at('name: A\n|');
  const laterSnip = s.complete(later.doc, later.offset).find((i) => i.label === 'callout definition');
  assert.ok(!laterSnip || laterSnip.sortText!.startsWith('~'));
});
