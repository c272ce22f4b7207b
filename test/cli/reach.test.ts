// `flow-callout validate` on a project whose callouts hide behind a subflow, an Apex helper class and a
// managed-package action declared in .flowcallout.json: the findings, their chain (text and SARIF related
// locations), the settings file's own errors, and ignore globs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { flowCallout, repoRoot } from './flowCallout';

const FLOWS = 'force-app/main/default/flows';
const CLASSES = 'force-app/main/default/classes';

function flowXml(processType: string, start: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
${body}
    <label>Test</label>
    <processType>${processType}</processType>
    <start>
        ${start}
    </start>
    <status>Active</status>
</Flow>
`;
}

const LOG = `    <assignments>
        <name>Log_Fault</name>
        <label>Log Fault</label>
        <assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>$Flow.FaultMessage</elementReference></value></assignmentItems>
    </assignments>
    <variables><name>msg</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`;

const RATES = flowXml('AutoLaunchedFlow', '<connector><targetReference>Get_Rates</targetReference></connector>', `    <actionCalls>
        <name>Get_Rates</name>
        <label>Get Rates</label>
        <actionName>RatesApi.getLatest</actionName>
        <actionType>externalService</actionType>
        <faultConnector><targetReference>Log_Fault</targetReference></faultConnector>
        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
    </actionCalls>
${LOG}`);

const OPPORTUNITY = flowXml('AutoLaunchedFlow', `<connector><targetReference>Price_Opportunity</targetReference></connector>
        <object>Opportunity</object><recordTriggerType>Update</recordTriggerType><triggerType>RecordAfterSave</triggerType>`, `    <actionCalls>
        <name>Send_Envelope</name>
        <label>Send Envelope</label>
        <actionName>dfsle__SendEnvelope</actionName>
        <actionType>apex</actionType>
        <connector><targetReference>Sync_Folder</targetReference></connector>
        <faultConnector><targetReference>Log_Fault</targetReference></faultConnector>
        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
    </actionCalls>
    <actionCalls>
        <name>Sync_Folder</name>
        <label>Sync Folder</label>
        <actionName>SyncFolderAction</actionName>
        <actionType>apex</actionType>
        <faultConnector><targetReference>Log_Fault</targetReference></faultConnector>
        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
    </actionCalls>
    <subflows>
        <name>Price_Opportunity</name>
        <label>Price Opportunity</label>
        <connector><targetReference>Send_Envelope</targetReference></connector>
        <flowName>Fetch_Exchange_Rates</flowName>
    </subflows>
${LOG}`);

const SYNC_FOLDER = `public class SyncFolderAction {
    @InvocableMethod(label='Sync folder')
    public static void run(List<Id> ids) { FolderService.sync(ids); }
}`;
const FOLDER_SERVICE = `public class FolderService {
    public static void sync(List<Id> ids) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Box/folders');
        new Http().send(req);
    }
}`;

function project(settings: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-reach-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('sfdx-project.json', JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }));
  write('.flowcallout.json', settings);
  write(`${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml`, RATES);
  write(`${FLOWS}/Opportunity_Pricing.flow-meta.xml`, OPPORTUNITY);
  write(`${FLOWS}/legacy/Broken.flow-meta.xml`, '<Flow><actionCalls>');
  write(`${CLASSES}/SyncFolderAction.cls`, SYNC_FOLDER);
  write(`${CLASSES}/FolderService.cls`, FOLDER_SERVICE);
  return dir;
}

test('validate: callouts through a subflow, an Apex helper and a declared package action, with the chain', () => {
  // RatesApi's registration is not in this project; its unknown-action warning is turned off.
  const dir = project('{ "rules": { "flow-unknown-action": "off" }, "calloutActions": ["dfsle__*"], "ignore": ["force-app/main/default/flows/legacy/**"] }');
  try {
    const r = flowCallout(['validate', '.'], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const findings = r.stdout.split('\n').filter((l) => /: (error|warning|info) /.test(l)).map((l) => l.replace(/: (error|warning|info) .*\[(.+)\]$/, ' $1 $2'));
    assert.deepEqual(findings, [
      `${FLOWS}/Opportunity_Pricing.flow-meta.xml:5:15 error flow-sync-callout`,
      `${FLOWS}/Opportunity_Pricing.flow-meta.xml:14:15 error flow-sync-callout`,
      `${FLOWS}/Opportunity_Pricing.flow-meta.xml:22:15 error flow-sync-callout`,
    ]);
    assert.match(r.stdout, /Price_Opportunity runs subflow Fetch_Exchange_Rates, which makes an HTTP callout \(Fetch_Exchange_Rates → Get_Rates\), on the synchronous path/);
    assert.ok(r.stdout.includes(`\n  ↳ ${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml:5:15: Fetch_Exchange_Rates: Get_Rates makes an HTTP callout (External Service action RatesApi.getLatest)\n`), r.stdout);
    // The ignored broken flow is not checked (it would be an XML syntax error).
    assert.match(r.stdout, /2 file\(s\) checked: 3 error\(s\)/);

    const sarif = flowCallout(['validate', '.', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(sarif.stdout);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif-2.1.0-subset.schema.json'), 'utf8')));
    assert.ok(validate(structuredClone(log)), JSON.stringify(validate.errors, null, 2));
    const sub = log.runs[0].results.find((x: { message: { text: string } }) => x.message.text.startsWith('Price_Opportunity'));
    assert.deepEqual(sub.relatedLocations, [{
      id: 0, message: { text: 'Fetch_Exchange_Rates: Get_Rates makes an HTTP callout (External Service action RatesApi.getLatest)' },
      physicalLocation: { artifactLocation: { uri: `${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml`, uriBaseId: 'SRCROOT' }, region: { startLine: 5, startColumn: 15, endLine: 5, endColumn: 24 } },
    }]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate: a misspelt rule or severity in .flowcallout.json is an error in that file, and is not applied', () => {
  const dir = project('{\n  "rules": { "flow-sync-calout": "off", "flow-sync-callout": "of" }\n}\n');
  try {
    const r = flowCallout(['validate', `${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml`], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^\.flowcallout\.json:2:14: error Unknown rule "flow-sync-calout" \(did you mean "flow-sync-callout"\?\)/m);
    assert.match(r.stdout, /^\.flowcallout\.json:2:62: error Severity "of" for rule "flow-sync-callout" is not one of "error", "warning", "info", "off"/m);
    // Without the valid entry nothing is turned off: the broken legacy flow is checked too.
    const all = flowCallout(['validate', '.'], { cwd: dir });
    assert.match(all.stdout, /legacy\/Broken\.flow-meta\.xml:1:\d+: error .*\[xml-syntax\]/);
    assert.match(all.stdout, /flow-sync-callout\]/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
