// The 1,000-flow bench project's copies (bench/flowCopy.ts): every copy is its own text, yet validates to the
// same findings as its original — the names it renames are renamed with every reference to them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { copyFlowText } from '../../../bench/flowCopy';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import { buildFlowModel } from '../../../server/src/core/flow/model';
import { corpus } from './corpusCases';

const findings = (file: string, text: string, project: Awaited<ReturnType<typeof corpus>>[number]['project']) =>
  validateFlowText(text, { project }).map((p) => `${p.code}:${p.severity}`).sort();

test('a copy of every corpus flow is its own text with the same findings, its own names renamed and its inputs/outputs kept', async () => {
  const flows = await corpus();
  assert.ok(flows.length > 20, 'the corpus is there');
  let renamedFlows = 0;
  for (const { file, text, project } of flows) {
    const name = path.basename(file).replace(/\.flow-meta\.xml$|\.flow$/, '');
    const copy = copyFlowText(text, 3, name);
    assert.notEqual(copy, text, file);
    assert.notEqual(copyFlowText(text, 4, name), copy, file);
    assert.equal(copyFlowText(text, 3, name), copy, `deterministic: ${file}`);
    assert.deepEqual(findings(file, copy, project), findings(file, text, project), file);
    const before = buildFlowModel(text);
    const after = buildFlowModel(copy);
    if (!before.isFlow) continue;
    for (const [lower, n] of before.names) {
      const r = before.resources.get(n.name);
      if (r && (r.isInput || r.isOutput)) assert.ok(after.names.has(lower), `${file}: interface variable ${n.name} kept`);
    }
    if ([...after.names.values()].some((n) => n.name.endsWith('_c3'))) renamedFlows++;
  }
  assert.ok(renamedFlows > flows.length / 2, `names renamed in ${renamedFlows} of ${flows.length} flows`);
});

test('a copy renames a name with its connector, reference and merge-field uses, and leaves parameter names alone', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionCalls>
        <name>Post</name>
        <label>Post it</label>
        <actionName>chatterPost</actionName>
        <actionType>chatterPost</actionType>
        <inputParameters>
            <name>text</name>
            <value><elementReference>text</elementReference></value>
        </inputParameters>
    </actionCalls>
    <label>Poster</label>
    <start><connector><targetReference>Post</targetReference></connector></start>
    <variables><name>text</name><dataType>String</dataType><isInput>false</isInput></variables>
    <variables><name>recordId</name><dataType>String</dataType><isInput>true</isInput></variables>
    <formulas><name>Msg</name><dataType>String</dataType><expression>{!text} &amp; {!recordId} &amp; {! text}</expression></formulas>
</Flow>`;
  const copy = copyFlowText(text, 2, 'Poster');
  assert.match(copy, /<name>Post_c2<\/name>\s*<label>Post it 2<\/label>/);
  assert.match(copy, /<name>text<\/name>\s*<value><elementReference>text_c2<\/elementReference>/);
  assert.match(copy, /<targetReference>Post_c2<\/targetReference>/);
  assert.match(copy, /<variables><name>text_c2<\/name>/);
  assert.match(copy, /<variables><name>recordId<\/name>/);
  assert.match(copy, /\{!text_c2\} &amp; \{!recordId\} &amp; \{! text_c2\}/);
  assert.match(copy, /<label>Poster \(copy 2 of Poster\)<\/label>/);
});
