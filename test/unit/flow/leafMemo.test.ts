// The hard-coded URL and Id rules remember what they found in each leaf's text (flow/leafMemo.ts) across
// versions of a flow: through typing inside those values (in place), entities and markup typed into them
// (re-parsed), pasted and removed elements, every version's findings must equal a fresh validation's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FlowStore } from '../../../server/src/core/flow/store';
import { buildFlowModel } from '../../../server/src/core/flow/model';
import { validateFlowModel } from '../../../server/src/core/flow/validate';
import { parseXml, type XmlElement } from '../../../server/src/core/parse/xml';
import { randomEdit, rng } from './edits';
import { flow } from './helpers';

const CODES = new Set(['flow-hardcoded-url', 'flow-hardcoded-id']);

const body = `    <actionCalls>
        <name>First</name>
        <label>Get Rates</label>
        <actionName>MakeHTTPCall</actionName>
        <actionType>apex</actionType>
        <connector><targetReference>Second</targetReference></connector>
        <inputParameters><name>Endpoint</name><value><stringValue>https://v6.rates.example.com/v6/latest/USD</stringValue></value></inputParameters>
        <inputParameters><name>OwnerId</name><value><stringValue>0051x000004RtYzAAK</stringValue></value></inputParameters>
    </actionCalls>
    <actionCalls>
        <name>Second</name>
        <label>Post</label>
        <actionName>MakeHTTPCall</actionName>
        <actionType>apex</actionType>
        <inputParameters><name>url</name><value><elementReference>BaseUrl</elementReference></value></inputParameters>
        <inputParameters><name>Body</name><value><stringValue>See https://acme.my.salesforce.com/lightning/r/Account/001000000000AAA/view for 00Q5e000003AbCd</stringValue></value></inputParameters>
    </actionCalls>
    <constants><name>BaseUrl</name><dataType>String</dataType><value><stringValue>https://api.example.net/v1</stringValue></value></constants>
    <formulas><name>Owner</name><dataType>Boolean</dataType><expression>{!$Record.OwnerId} = &apos;0051x000004RtYz&apos; &amp;&amp; 0051x000004RtYz</expression></formulas>
    <textTemplates><name>Intro</name><text>Open https://na42.salesforce.com/001000000000AAA and http://www.w3.org/1999/xhtml</text></textTemplates>`;

/** Typing or deleting inside one of the values the two rules scan (the edits a memo must notice). */
function valueEdit(text: string, random: () => number): string {
  const leaves: XmlElement[] = [];
  const stack = [parseXml(text).root!];
  while (stack.length) {
    const e = stack.pop()!;
    if (!e.children.length && ['stringValue', 'expression', 'text'].includes(e.name) && e.textLength) leaves.push(e);
    stack.push(...e.children);
  }
  if (!leaves.length) return text;
  const leaf = leaves[Math.floor(random() * leaves.length)];
  const at = leaf.textOffset + Math.floor(random() * (leaf.textLength + 1));
  const insert = ['0', 'A', 'x', '9', ' ', '.', '/', "'", 'https://', '.my.salesforce.com', '&amp;', '&quot;'][Math.floor(random() * 12)];
  return random() < 0.3 ? text.slice(0, at) + text.slice(Math.min(at + 1 + Math.floor(random() * 3), leaf.textOffset + leaf.textLength)) : text.slice(0, at) + insert + text.slice(at);
}

test('remembered URL and Id findings equal a fresh validation through edits in and around the values', () => {
  const store = new FlowStore({ incremental: true });
  const random = rng(3);
  const key = 'file:///memo/Hardcoded.flow-meta.xml';
  let text = flow(body);
  let seen = 0;
  for (let step = 0; step < 400; step++) {
    const next = random() < 0.75 ? valueEdit(text, random) : randomEdit(text, random);
    const carried = validateFlowModel(store.parse(key, next), { store }).filter((p) => CODES.has(p.code));
    const fresh = validateFlowModel(buildFlowModel(next)).filter((p) => CODES.has(p.code));
    assert.deepEqual(carried, fresh, `step ${step}`);
    seen += fresh.length;
    if (!parseXml(next).syntaxErrors.length) text = next;
    // Back to the start now and then, so elements removed by the random edits come back.
    if (step % 50 === 49) text = flow(body);
  }
  assert.ok(seen > 1000, `only ${seen} findings over the run`);
  assert.ok(store.counts.patches > 200, `only ${store.counts.patches} patches`);
});
