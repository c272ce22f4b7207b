// Where the index records each reached action and subflow (flow/reachSteps.ts): line and character as the
// editor and the CLI count them (core/parse/lines.ts: LF, CR LF, a lone CR), also in an edited document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFlowModel } from '../../../server/src/core/flow/model';
import { summarizeReach } from '../../../server/src/core/flow/reachSteps';
import { FlowStore } from '../../../server/src/core/flow/store';
import { LineTable } from '../../../server/src/core/parse/lines';

const flow = (eol: (i: number) => string) => {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Flow xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <actionCalls>', '        <name>Call_One</name>', '        <actionName>Svc.op</actionName>', '        <actionType>externalService</actionType>',
    '        <connector><targetReference>Sub</targetReference></connector>', '    </actionCalls>',
    '    <start><connector><targetReference>Call_One</targetReference></connector></start>',
    '    <subflows>', '        <name>Sub</name>', '        <flowName>Other</flowName>',
    '        <connector><targetReference>Call_Two</targetReference></connector>', '    </subflows>',
    '    <actionCalls>', '        <name>Call_Two</name>', '        <actionName>Svc.op2</actionName>', '        <actionType>externalService</actionType>', '    </actionCalls>',
    '    <actionCalls><name>Unreached</name><actionName>Svc.op3</actionName><actionType>externalService</actionType></actionCalls>',
    '</Flow>',
  ];
  return lines.map((l, i) => l + eol(i)).join('');
};
const endings: Record<string, (i: number) => string> = {
  lf: () => '\n', crlf: () => '\r\n', cr: () => '\r', mixed: (i) => ['\n', '\r\n', '\r', '\r\n\r', '\n\r\n'][i % 5],
};

test('reach steps: each at its <name> text, by the editor\'s line count, for every kind of line ending', () => {
  for (const [kind, eol] of Object.entries(endings)) {
    const text = flow(eol);
    const table = new LineTable(text);
    const steps = summarizeReach(buildFlowModel(text));
    assert.deepEqual(steps.map((s) => s.element), ['Call_One', 'Sub', 'Call_Two'], kind);
    for (const s of steps) {
      const at = text.indexOf(`<name>${s.element}</name>`) + 6;
      assert.deepEqual({ line: s.line, character: s.character, length: s.length }, { ...table.positionAt(at), length: s.element.length }, `${kind} ${s.element}`);
    }
  }
});

test('reach steps of an edited document (its text in pieces) are those of the same text parsed fresh', () => {
  const store = new FlowStore();
  let text = flow(endings.mixed);
  store.parse('k', text);
  for (const insert of ['\r', '\n', '<!-- a\r\nb -->', '\r\n']) {
    const at = text.indexOf('<subflows>');
    const next = text.slice(0, at) + insert + text.slice(at);
    const model = store.parse('k', next, { previous: text, start: at, end: at, text: insert });
    assert.deepEqual(summarizeReach(model), summarizeReach(buildFlowModel(next)), JSON.stringify(insert));
    text = next;
  }
});
