// flow-unread-error-response: a declared error response (4XX, 409) that nothing in the flow reads. False
// shapes stay silent: a Decision on responseCode, the Exc output read in a formula or through the variable
// it fills, an output variable, an operation that declares only success responses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { action, assignment, expectFlowRanges, flow, testProject, variable } from './helpers';

const CODE = 'flow-unread-error-response';
const FAULT = assignment('Log_Fault');
const AUTO = '        <storeOutputAutomatically>true</storeOutputAutomatically>';
const start = '<connector><targetReference>Create_Lead</targetReference></connector>';

function storeId(next?: string): string {
  return `    <assignments>
        <name>Store_Id</name>
        <label>Store Id</label>
        <assignmentItems><assignToReference>leadId</assignToReference><operator>Assign</operator><value><elementReference>Create_Lead.2XX.id</elementReference></value></assignmentItems>
${next ? `        <connector><targetReference>${next}</targetReference></connector>\n` : ''}    </assignments>`;
}

const VARS = [variable('msg'), variable('leadId'), variable('code', 'Number', '<scale>0</scale>')].join('\n');

test('fires on an action that declares 4XX when only the 2XX output is read', async () => {
  const src = flow([action('⟦Create_Lead⟧', { next: 'Store_Id', fault: 'Log_Fault', inner: AUTO }), storeId(), FAULT, VARS].join('\n'), { start });
  const [p] = expectFlowRanges(src, CODE, await testProject());
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /Create_Lead calls ExternalCrmLeads\.createLead, which declares the error response 4XX, but nothing in the flow reads Create_Lead\.responseCode or 4XXExc: on a 4XX the flow continues on its normal path as if the call succeeded/);
  assert.match(p.message, /\{!Create_Lead\.responseCode\}/);
});

test('fires on a fire-and-forget action (no outputs at all) against a registration declaring 409', async () => {
  const src = flow([action('⟦Create_Lead⟧', { actionName: 'BankService.addAccount', fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start });
  const [p] = expectFlowRanges(src, CODE, await testProject());
  assert.match(p.message, /declares the error response 409, .*409Exc/);
});

test('fires when the Exc output goes to a variable nothing reads', async () => {
  const inner = '        <outputParameters><assignToReference>crmError</assignToReference><name>4XXExc</name></outputParameters>';
  const crmError = variable('crmError', 'Apex', '<apexClass>ExternalService__ExternalCrmLeads_createLead_OUT_4XX</apexClass>');
  const src = flow([action('⟦Create_Lead⟧', { fault: 'Log_Fault', inner }), FAULT, VARS, crmError].join('\n'), { start });
  expectFlowRanges(src, CODE, await testProject());
});

test('silent: a Decision on responseCode (automatic outputs)', async () => {
  const decision = `    <decisions><name>Check</name><label>Check</label><defaultConnectorLabel>Other</defaultConnectorLabel>
        <rules><name>Created</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>Create_Lead.responseCode</leftValueReference><operator>EqualTo</operator><rightValue><numberValue>201</numberValue></rightValue></conditions><connector><targetReference>Store_Id</targetReference></connector><label>Created</label></rules></decisions>`;
  const src = flow([action('Create_Lead', { next: 'Check', fault: 'Log_Fault', inner: AUTO }), decision, storeId(), FAULT, VARS].join('\n'), { start });
  expectFlowRanges(src, CODE, await testProject());
});

test('silent: the error output read in a formula merge field', async () => {
  const formula = '    <formulas><name>errorText</name><dataType>String</dataType><expression>{!Create_Lead.4XXExc.message}</expression></formulas>';
  const src = flow([action('Create_Lead', { next: 'Store_Id', fault: 'Log_Fault', inner: AUTO }), storeId(), formula, FAULT, VARS].join('\n'), { start });
  expectFlowRanges(src, CODE, await testProject());
});

test('silent: responseCode mapped to a variable that a later element reads, or to an output variable', async () => {
  const inner = '        <outputParameters><assignToReference>code</assignToReference><name>responseCode</name></outputParameters>';
  const check = `    <decisions><name>Check</name><label>Check</label><defaultConnectorLabel>Other</defaultConnectorLabel>
        <rules><name>Failed</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>code</leftValueReference><operator>GreaterThanOrEqualTo</operator><rightValue><numberValue>400</numberValue></rightValue></conditions><label>Failed</label></rules></decisions>`;
  const project = await testProject();
  expectFlowRanges(flow([action('Create_Lead', { next: 'Check', fault: 'Log_Fault', inner }), check, FAULT, VARS].join('\n'), { start }), CODE, project);
  const outputVar = [variable('msg'), variable('code', 'Number', '<scale>0</scale>').replace('<isOutput>false</isOutput>', '<isOutput>true</isOutput>')].join('\n');
  expectFlowRanges(flow([action('Create_Lead', { fault: 'Log_Fault', inner }), FAULT, outputVar].join('\n'), { start }), CODE, project);
});

test('silent: an operation that declares only success responses, and an action not in the project', async () => {
  const project = await testProject();
  expectFlowRanges(flow([action('Get_Balance', { actionName: 'BankService.getx20balance', fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start: '<connector><targetReference>Get_Balance</targetReference></connector>' }), CODE, project);
  expectFlowRanges(flow([action('Create_Lead', { actionName: 'Elsewhere.create', fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start }), CODE, project);
  expectFlowRanges(flow([action('Create_Lead', { fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start }), CODE);
});
