// Patched trees must equal full parses of the new text: a keystroke inside a value or in whitespace (patched
// in place), and edits that add, remove or rewrite elements (the children they reach re-parsed); edits that
// touch the root's tags or leave a parse error fall back to a full parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { patchXml } from '../../../server/src/core/flow/incremental';
import { FlowStore } from '../../../server/src/core/flow/store';
import { parseXml, type XmlElement } from '../../../server/src/core/parse/xml';
import { corpusRoot } from '../helpers';
import { randomEdit, rng } from './edits';

function dump(el: XmlElement | undefined, out: string[] = []): string[] {
  if (!el) return out;
  const stack = [el];
  while (stack.length) {
    const e = stack.pop()!;
    out.push(`${e.name} ${e.offset}+${e.length} [${e.contentOffset},${e.contentEnd}] ${e.textOffset}+${e.textLength} ${JSON.stringify(e.text)} ${e.children.length}`);
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]);
  }
  return out;
}

function leaves(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  if (!el.children.length) out.push(el);
  for (const c of el.children) leaves(c, out);
  return out;
}

const files = [
  'SFDC-Assets__PSA-NEPA-Permitting/force-app/main/default/flows/NEPA_Slack_Risk_Alert.flow-meta.xml',
  'SFDC-Assets__SF-ExternalServiceFromFlow/force-app/main/default/flows/Bank_Account_Records.flow-meta.xml',
  'alexed1__LightningFlowComponents/flow_apps/FlowUtilities/force-app/main/default/flows/Flow_OneView_Analyze_Display.flow-meta.xml',
].map((f) => path.join(corpusRoot, f));

test('patched trees equal full parses for edits inside values and whitespace', () => {
  const random = rng(11);
  let patched = 0;
  for (const file of files) {
    const original = fs.readFileSync(file, 'utf8');
    const all = leaves(parseXml(original).root!).filter((l) => l.textLength > 0);
    for (let i = 0; i < 60; i++) {
      const xml = parseXml(original);
      const leaf = all[Math.floor(random() * all.length)];
      const at = leaf.textOffset + Math.floor(random() * (leaf.textLength + 1));
      const kind = i % 4;
      let text: string;
      if (kind === 0) text = original.slice(0, at) + 'xY_.' + original.slice(at);
      else if (kind === 1) text = original.slice(0, at) + original.slice(Math.min(at + 2, leaf.textOffset + leaf.textLength));
      else if (kind === 2) text = original.slice(0, leaf.offset) + '\n    ' + original.slice(leaf.offset);
      else text = original.slice(0, at) + ' {!x} ' + original.slice(at);
      const result = patchXml(original, text, xml);
      if (!result) continue;
      patched++;
      assert.deepEqual(dump(result.root), dump(parseXml(text).root), `${path.basename(file)} edit ${i} at ${at}`);
    }
  }
  assert.ok(patched > 150, `only ${patched} edits were patched`);
});

test('edits that touch markup re-parse only the children they reach; the root\'s tags or a parse error mean a full parse', () => {
  const text = '<Flow><a>x</a>\n<b>y &amp; z</b><c/></Flow>';
  const xml = () => parseXml(text);
  const same = (next: string) => {
    const r = patchXml(text, next, xml());
    assert.ok(r, `patched: ${JSON.stringify(next)}`);
    assert.deepEqual(dump(r.root), dump(parseXml(next).root), JSON.stringify(next));
    return r.edit;
  };
  // A parse error, or the root's own tags: from scratch (the full parse reports the error).
  assert.equal(patchXml(text, text.replace('<a>x', '<a>x<'), xml()), undefined);
  assert.equal(patchXml(text, text.replace('<c/>', '<c/ >'), xml()), undefined);
  assert.equal(patchXml(text, text.replace('<a>x</a>', '<ab>x</a>'), xml()), undefined);
  assert.equal(patchXml(text, text.replace('<Flow>', '<Flow >'), xml()), undefined);
  assert.equal(patchXml(text, text.replace('<c/>', 'text'), xml()), undefined, 'text between elements');
  assert.equal(patchXml(text, text.replace('<a>x</a>\n<b>y &amp; z</b><c/>', ''), xml()), undefined, 'an emptied element');
  // Inside a value, in whitespace: patched in place.
  assert.ok(same(text.replace('<a>x', '<a>xz')).leaf);
  const ws = same(text.replace('\n<b>', '\n  <b>'));
  assert.ok(!ws.leaf && !ws.replaced);
  // Entities, line ends, new elements, renamed or removed elements: the children reached are re-parsed.
  assert.deepEqual(same(text.replace('y &amp;', 'yy &amp;')).replaced?.removed.map((e) => e.name), ['b']);
  assert.ok(same(text.replace('<a>x', '<a>x\r')).replaced);
  const pasted = same(text.replace('<c/>', '<c/><d><e>1</e></d>'));
  assert.deepEqual([pasted.replaced?.removed.length, pasted.replaced?.inserted.map((e) => e.name)], [0, ['d']]);
  assert.deepEqual(same(text.replace('<a>x</a>', '<a>x</a><a2/>')).replaced?.inserted.map((e) => e.name), ['a2']);
  assert.deepEqual(same(text.replace('\n<b>y &amp; z</b>', '')).replaced?.removed.map((e) => e.name), ['b']);
  same(text.replace('<a>x</a>', '<aa>x</aa>'));
  same(text.replace('</a>\n<b>', '</a><b>'));
  same(text.replace('x</a>\n<b>y', 'q</a>\n<b>r'));
  // After the root: whitespace at the end of the file is patched (nothing moves); anything else is parsed.
  const tail = same(`${text}\n  `);
  assert.ok(!tail.leaf && !tail.replaced && tail.start >= text.length);
  const trailing = `${text}\n \n`;
  const shorter = patchXml(trailing, `${text}\n`, parseXml(trailing));
  assert.ok(shorter && !shorter.edit.leaf && !shorter.edit.replaced);
  assert.deepEqual(dump(shorter.root), dump(parseXml(`${text}\n`).root));
  assert.equal(patchXml(text, `${text} x`, xml()), undefined, 'text after the root');
  assert.equal(patchXml(text, `${text}<d/>`, xml()), undefined, 'an element after the root');
  const commented = `${text}<!-- c -->`;
  assert.equal(patchXml(commented, `${commented} `, parseXml(commented)), undefined, 'after a comment after the root');
});

/** Random edits of every kind, the markup ones included; a patch must equal the full parse. */
test('patched trees equal full parses for edits that add, remove and rewrite elements', () => {
  const random = rng(5);
  let patched = 0;
  let regions = 0;
  for (const file of files) {
    const original = fs.readFileSync(file, 'utf8');
    let text = original;
    for (let i = 0; i < 120; i++) {
      const next = randomEdit(text, random);
      const xml = parseXml(text);
      const result = patchXml(text, next, xml);
      const full = parseXml(next);
      if (result) {
        patched++;
        if (result.edit.replaced) regions++;
        assert.deepEqual(dump(result.root), dump(full.root), `${path.basename(file)} edit ${i}`);
        assert.equal(full.syntaxErrors.length, 0);
      }
      if (!full.syntaxErrors.length) text = next;
    }
  }
  assert.ok(patched > 250 && regions > 100, `patched ${patched}, of which ${regions} re-parsed children`);
});

test('the store patches a typed keystroke, and an undo', () => {
  const store = new FlowStore({ incremental: true });
  const original = fs.readFileSync(files[1], 'utf8');
  const first = store.parse('file:///typing.flow-meta.xml', original);
  const at = original.indexOf('<name>Add_Bank_Account</name>') + '<name>Add_Bank'.length;
  const typed = original.slice(0, at) + 'X' + original.slice(at);
  const second = store.parse('file:///typing.flow-meta.xml', typed);
  assert.equal(second.xml.root, first.xml.root, 'patched in place');
  assert.ok(second.elements.has('Add_BankX_Account'));
  assert.deepEqual(dump(second.xml.root), dump(parseXml(typed).root));
  // Going back (undo) patches again; the model always describes the text it was asked for.
  const again = store.parse('file:///typing.flow-meta.xml', original);
  assert.ok(again.elements.has('Add_Bank_Account') && !again.elements.has('Add_BankX_Account'));
  assert.deepEqual(dump(again.xml.root), dump(parseXml(original).root));
});

