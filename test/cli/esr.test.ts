// External Service registrations through the CLI: header and form inputs (reference C1) and a decomposed
// registration (C14) in `validate`, at exact lines and columns; import → generate of a Custom registration
// refused with the reason; an Interagent schema named as unsupported. Fixture: test/fixtures/esr-project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { flowCallout, repoRoot } from './flowCallout';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'esr-project');

function fixtureCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-esr-'));
  fs.cpSync(fixture, dir, { recursive: true });
  return dir;
}

test('validate: a required header left out and a misspelt form parameter against a decomposed registration; headers and form inputs set are clean', () => {
  const run = flowCallout(['validate', '.', '--format', 'json'], { cwd: fixture });
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { file: string; problems: { code: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
  const findings = report.flatMap((f) => f.problems.map((p) => `${path.basename(f.file)}:${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.code} ${p.message}`));
  // Redeem_Points also reads Get_Member.200 without checking responseCode: the declared 404 and 4XX would go on
  // as if the calls succeeded (flow-unread-error-response, true findings on this fixture).
  assert.deepEqual(findings, [
    'Redeem_Points.flow-meta.xml:4:15-4:25 flow-unread-error-response Get_Member calls LoyaltyCloud.getMember, which declares the error response 404, but nothing in the flow reads Get_Member.responseCode or 404Exc: on a 404 the flow continues on its normal path as if the call succeeded, with empty success outputs. Add a Decision after the action on {!Get_Member.responseCode} (or map responseCode to a variable and branch on it).',
    'Redeem_Points.flow-meta.xml:32:15-32:21 flow-unread-error-response Redeem calls LoyaltyCloud.redeemPoints, which declares the error response 4XX, but nothing in the flow reads Redeem.responseCode or 4XXExc: on a 4XX the flow continues on its normal path as if the call succeeded, with empty success outputs. Add a Decision after the action on {!Redeem.responseCode} (or map responseCode to a variable and branch on it).',
    'Redeem_Points.flow-meta.xml:8:21-8:43 flow-action-input Get_Member does not set the required input pin (header) of LoyaltyCloud.getMember. Add an <inputParameters> for it (Flow Builder: Set Input Values).',
    'Redeem_Points.flow-meta.xml:55:19-55:28 flow-action-input LoyaltyCloud.redeemPoints has no input "rewardCod". Did you mean "rewardCode"? Its inputs: memberId (path, required), points (form, required), rewardCode (form).',
  ]);
});

test('validate: the decomposed schema file is what the check reads (a header renamed there is reported)', () => {
  const dir = fixtureCopy();
  try {
    const yaml = path.join(dir, 'force-app/main/default/externalServiceRegistrations/LoyaltyCloud.yaml');
    fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace("- name: pin\n", "- name: memberPin\n"));
    const run = flowCallout(['validate', 'force-app/main/default/flows/Redeem_Points.flow-meta.xml'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Redeem_Points\.flow-meta\.xml:8:21: error Get_Member does not set the required input memberPin \(header\) of LoyaltyCloud\.getMember/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('import esr → generate esr: Custom registrations import into valid definitions, generation is refused with the reason; Interagent is named', () => {
  const dir = fixtureCopy();
  try {
    const esrDir = 'force-app/main/default/externalServiceRegistrations';
    const imported = flowCallout(['import', 'esr', `${esrDir}/PaymentGateway.externalServiceRegistration-meta.xml`, `${esrDir}/LoyaltyCloud.yaml`, '--out', 'callouts'], { cwd: dir });
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'callouts')).sort(), [
      'LoyaltyCloudEnrollMember.callout.yaml', 'LoyaltyCloudGetMember.callout.yaml', 'LoyaltyCloudRedeemPoints.callout.yaml',
      'PaymentGatewayCreateCharge.callout.yaml', 'PaymentGatewayGetCharge.callout.yaml', 'PaymentGatewayRefundCharge.callout.yaml',
    ]);
    assert.match(imported.stderr, /createCharge: note: PaymentGateway is a Custom registration: flows call PaymentGateway\.createCharge\./);
    assert.doesNotMatch(imported.stderr, /the definition has an error/);
    // The whole project (flows, registrations and the new definitions) validates as before: the same two findings.
    const after = flowCallout(['validate', '.'], { cwd: dir });
    assert.match(after.stdout, /8 file\(s\) checked: 2 error\(s\), 2 warning\(s\)/, after.stdout);

    const gen = flowCallout(['generate', 'esr', 'callouts/LoyaltyCloudGetMember.callout.yaml'], { cwd: dir });
    assert.equal(gen.code, 1);
    assert.match(gen.stderr, /LoyaltyCloudGetMember was imported from the Custom registration LoyaltyCloud, so no registration is generated from it: .*flows calling LoyaltyCloud\.getMember would lose it/);
    assert.deepEqual(fs.readdirSync(path.join(dir, esrDir)).sort(), ['LoyaltyCloud.externalServiceRegistration-meta.xml', 'LoyaltyCloud.yaml', 'PaymentGateway.externalServiceRegistration-meta.xml']);

    fs.writeFileSync(path.join(dir, 'Heroku.externalServiceRegistration-meta.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata"><label>Heroku</label><registrationProviderType>Custom</registrationProviderType><schema>{&quot;$schema&quot;:&quot;http://interagent.github.io/interagent-hyper-schema&quot;,&quot;links&quot;:[]}</schema><schemaType>InteragentHyperSchema</schemaType></ExternalServiceRegistration>\n');
    const hyper = flowCallout(['import', 'esr', 'Heroku.externalServiceRegistration-meta.xml'], { cwd: dir });
    assert.equal(hyper.code, 1);
    assert.match(hyper.stderr, /Heroku\.externalServiceRegistration-meta\.xml: Heroku\.externalServiceRegistration-meta\.xml is an Interagent \(JSON Hyper-Schema\) registration; the import reads OpenAPI 3\.0 and Swagger 2\.0 schemas only\./);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('import esr of a one-operation Custom registration: the flow calling the registration validates as before (fact ESR-13)', () => {
  // The imported definition has the registration's name; flows keep calling the registration, whose Swagger 2
  // body parameter is named trackingRequest, so the flow setting it is no more wrong after the import.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-esr-copy-'));
  try {
    const esrDir = path.join(dir, 'force-app/main/default/externalServiceRegistrations');
    const flowDir = path.join(dir, 'force-app/main/default/flows');
    fs.mkdirSync(esrDir, { recursive: true });
    fs.mkdirSync(flowDir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'sfdx-project.json'), '{ "packageDirectories": [{ "path": "force-app", "default": true }] }\n');
    const schema = JSON.stringify({
      swagger: '2.0', info: { title: 'Shipment Tracker', version: '1.0' },
      paths: { '/track': { post: {
        operationId: 'trackShipment',
        parameters: [{ name: 'trackingRequest', in: 'body', required: true, schema: { type: 'object', properties: { trackingNumber: { type: 'string' } } } }],
        responses: { 200: { description: 'Where the parcel is', schema: { type: 'object', properties: { status: { type: 'string' } } } } },
      } } },
    }, null, 2).replace(/"/g, '&quot;');
    fs.writeFileSync(path.join(esrDir, 'ShipmentTracker.externalServiceRegistration-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>ShipmentTracker</label>
    <namedCredential>Shipment_Tracker</namedCredential>
    <schema>${schema}</schema>
    <schemaType>OpenApi</schemaType>
    <status>Complete</status>
</ExternalServiceRegistration>
`);
    fs.writeFileSync(path.join(flowDir, 'Track_Parcel.flow-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionCalls>
        <name>Track</name>
        <label>Track</label>
        <actionName>ShipmentTracker.trackShipment</actionName>
        <actionType>externalService</actionType>
        <faultConnector>
            <targetReference>Note_Failure</targetReference>
        </faultConnector>
        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
        <inputParameters>
            <name>trackingRequest</name>
            <value>
                <elementReference>request</elementReference>
            </value>
        </inputParameters>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </actionCalls>
    <apiVersion>62.0</apiVersion>
    <assignments>
        <name>Note_Failure</name>
        <label>Note Failure</label>
        <assignmentItems>
            <assignToReference>failure</assignToReference>
            <operator>Assign</operator>
            <value>
                <elementReference>$Flow.FaultMessage</elementReference>
            </value>
        </assignmentItems>
    </assignments>
    <label>Track Parcel</label>
    <processType>AutoLaunchedFlow</processType>
    <start>
        <connector>
            <targetReference>Track</targetReference>
        </connector>
    </start>
    <status>Active</status>
    <variables>
        <name>failure</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>true</isOutput>
    </variables>
    <variables>
        <name>request</name>
        <apexClass>ExternalService__ShipmentTracker_trackShipment_IN_trackingRequest</apexClass>
        <dataType>Apex</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>false</isOutput>
    </variables>
</Flow>
`);
    const flowFindings = (out: string) => out.split('\n').filter((l) => l.startsWith('force-app/main/default/flows/'));
    const before = flowCallout(['validate', '.'], { cwd: dir });
    const imported = flowCallout(['import', 'esr', 'force-app/main/default/externalServiceRegistrations/ShipmentTracker.externalServiceRegistration-meta.xml', '--out', 'callouts'], { cwd: dir });
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'callouts')), ['ShipmentTracker.callout.yaml']);
    const after = flowCallout(['validate', '.'], { cwd: dir });
    assert.deepEqual(flowFindings(after.stdout), flowFindings(before.stdout), after.stdout);
    assert.doesNotMatch(after.stdout, /flow-action-input/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
