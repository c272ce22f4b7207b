// An Apex callout action sent "from the flow": nothing is sent and no path is run (Apex runs in the org); the
// result says what the project shows — the class and the line that calls out — and what to do instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mapSecretResolver } from '../../../server/src/core/callout/secrets';
import { apexCalloutActions, loadApexProject, loadFlowSendProject } from '../../../server/src/core/flowrun/project';
import { sendFromFlow } from '../../../server/src/core/flowrun/send';
import { nodeFs } from '../../../server/src/core/project/fs';
import { flow } from '../flow/helpers';

function project(): { root: string; flowFile: string; flowText: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'flowrun-apex-'));
  const dir = path.join(root, 'force-app', 'main', 'default');
  fs.mkdirSync(path.join(dir, 'classes'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'flows'), { recursive: true });
  fs.writeFileSync(path.join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }));
  fs.writeFileSync(path.join(dir, 'classes', 'InvoiceSender.cls'), `public with sharing class InvoiceSender {
    @InvocableMethod(label='Send Invoice' callout=true)
    public static List<String> send(List<Id> invoiceIds) {
        return BillingClient.post(invoiceIds);
    }
}`);
  fs.writeFileSync(path.join(dir, 'classes', 'BillingClient.cls'), `public with sharing class BillingClient {
    public static List<String> post(List<Id> ids) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Billing/invoices');
        req.setMethod('POST');
        HttpResponse res = new Http().send(req);
        return new List<String>{ res.getBody() };
    }
}`);
  fs.writeFileSync(path.join(dir, 'classes', 'Formatter.cls'), `public with sharing class Formatter {
    @InvocableMethod(label='Format')
    public static List<String> format(List<String> s) { return s; }
}`);
  const flowText = flow([
    `<actionCalls><name>Send_Invoice</name><label>Send Invoice</label><actionName>InvoiceSender</actionName><actionType>apex</actionType>
       <connector><targetReference>Format_It</targetReference></connector></actionCalls>`,
    `<actionCalls><name>Format_It</name><label>Format</label><actionName>Formatter</actionName><actionType>apex</actionType></actionCalls>`,
  ].join('\n'), { start: '<connector><targetReference>Send_Invoice</targetReference></connector>' });
  const flowFile = path.join(dir, 'flows', 'Invoice.flow-meta.xml');
  fs.writeFileSync(flowFile, flowText);
  return { root, flowFile, flowText };
}

test('an Apex action that calls out through a helper: nothing sent, the evidence and what to do instead', async () => {
  const p = project();
  try {
    const loaded = await loadFlowSendProject(p.root, nodeFs);
    const r = await sendFromFlow({ project: loaded.project, flow: { file: p.flowFile, text: p.flowText }, element: 'Send_Invoice', readFile: nodeFs.readFile, options: { secrets: mapSecretResolver({}), environment: 'mock' } });
    assert.equal(r.error, undefined);
    assert.equal(r.callout, undefined);
    assert.equal(r.run, undefined);
    assert.match(r.notSent ?? '', /^Send_Invoice calls the Apex action InvoiceSender, which calls out: BillingClient\.post\(\) → new HttpRequest\(\) \(BillingClient\.cls line 3\)\./);
    assert.match(r.notSent ?? '', /Apex runs in the org: .* cannot be sent from here/);
    assert.match(r.notSent ?? '', /HttpCalloutMock/);
    // The lens shows only on the Apex action that calls out.
    assert.deepEqual(apexCalloutActions(await loadApexProject(p.root, nodeFs), ['InvoiceSender', 'Formatter', 'Missing']), ['InvoiceSender']);
    const other = await sendFromFlow({ project: loaded.project, flow: { file: p.flowFile, text: p.flowText }, element: 'Format_It', readFile: nodeFs.readFile, options: { secrets: mapSecretResolver({}) } });
    assert.match(other.notSent ?? '', /Formatter \(Formatter\.cls\); no callout was found in it or in the helper classes it calls/);
  } finally {
    fs.rmSync(p.root, { recursive: true, force: true });
  }
});
