// Builders for flow tests: a flow document around some elements, a small project with an External Service
// registration and the demo callout definitions, and an exact-range assertion over ⟦marked⟧ text.
import assert from 'node:assert/strict';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import type { Problem } from '../../../server/src/core/model/problem';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { demoProject, marked } from '../helpers';

export { marked };

export interface FlowOptions {
  processType?: string;
  /** Inner XML of `<start>`; defaults to a plain start connected to `First`. */
  start?: string;
}

/** A flow document: `<Flow>` with `body` (elements and resources) and a start element. */
export function flow(body: string, options: FlowOptions = {}): string {
  const start = options.start ?? '<connector><targetReference>First</targetReference></connector>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
${body}
    <label>Test</label>
    <processType>${options.processType ?? 'AutoLaunchedFlow'}</processType>
    <start>
        ${start}
    </start>
    <status>Active</status>
</Flow>
`;
}

/** Start of a record-triggered (after save) flow on Lead: `sync` and/or `async` element names. */
export function leadTrigger(sync?: string, async?: string): string {
  return [
    sync ? `<connector><targetReference>${sync}</targetReference></connector>` : '',
    '<object>Lead</object><recordTriggerType>Create</recordTriggerType>',
    async ? `<scheduledPaths><name>Later</name><connector><targetReference>${async}</targetReference></connector><pathType>AsyncAfterCommit</pathType></scheduledPaths>` : '',
    '<triggerType>RecordAfterSave</triggerType>',
  ].join('\n        ');
}

/** An externalService action element. */
export function action(name: string, opts: { actionName?: string; next?: string; fault?: string; inner?: string; tx?: string } = {}): string {
  return `    <actionCalls>
        <name>${name}</name>
        <label>Step</label>
        <actionName>${opts.actionName ?? 'ExternalCrmLeads.createLead'}</actionName>
        <actionType>externalService</actionType>
${opts.next ? `        <connector><targetReference>${opts.next}</targetReference></connector>\n` : ''}${opts.fault ? `        <faultConnector><targetReference>${opts.fault}</targetReference></faultConnector>\n` : ''}        <flowTransactionModel>${opts.tx ?? 'CurrentTransaction'}</flowTransactionModel>
${opts.inner ?? ''}
    </actionCalls>`;
}

export function assignment(name: string, next?: string, inner = ''): string {
  return `    <assignments>
        <name>${name}</name>
        <label>Step</label>
        <assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><stringValue>x</stringValue></value></assignmentItems>
${inner}${next ? `        <connector><targetReference>${next}</targetReference></connector>\n` : ''}    </assignments>`;
}

export function variable(name: string, dataType = 'String', extra = ''): string {
  return `    <variables><name>${name}</name><dataType>${dataType}</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput>${extra}</variables>`;
}

export const BANK_ESR = `<?xml version="1.0" encoding="UTF-8"?>
<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>BankService</label>
    <namedCredential>Bank</namedCredential>
    <operations><active>true</active><name>addaccount</name></operations>
    <operations><active>true</active><name>getx20balance</name></operations>
    <registrationProviderType>Custom</registrationProviderType>
    <schema>{"swagger":"2.0","paths":{"/accounts/{accountName}":{"post":{"operationId":"addAccount","parameters":[{"name":"accountName","in":"path","required":true,"type":"string"},{"name":"accountType","in":"query","required":true,"type":"string"},{"name":"note","in":"query","type":"string"}],"responses":{"201":{"schema":{"$ref":"#/definitions/accountDetails"}},"409":{"schema":{"$ref":"#/definitions/accountDetails"}}}}},"/balance":{"get":{"operationId":"Get Balance","responses":{"2XX":{"schema":{"type":"object","properties":{"amount":{"type":"number"},"date":{"type":"string","format":"date"}}}}}}}},"definitions":{"accountDetails":{"type":"object","properties":{"id":{"type":"string"},"balance":{"type":"number"},"owner":{"$ref":"#/definitions/person"}}},"person":{"type":"object","properties":{"name":{"type":"string"}}}}}</schema>
    <schemaType>OpenApi</schemaType>
</ExternalServiceRegistration>
`;

let project: Promise<ProjectIndex> | undefined;
/** The demo project (callout definitions, Lead fields) plus the BankService registration above. */
export function testProject(): Promise<ProjectIndex> {
  project ??= demoProject().then((demo) => {
    const p = new ProjectIndex(demo.root, { summarizeFlow });
    for (const [k, v] of demo.callouts) p.callouts.set(k, v);
    for (const [k, v] of demo.objectFields) p.objectFields.set(k, v);
    for (const [k, v] of demo.namedCredentials) p.namedCredentials.set(k, v);
    p.update('/virtual/force-app/main/default/externalServiceRegistrations/BankService.externalServiceRegistration-meta.xml', BANK_ESR);
    return p;
  });
  return project;
}

export function validateFlow(text: string, project?: ProjectIndex): Problem[] {
  return validateFlowText(text, { project });
}

/** Asserts rule `code` reports exactly the ⟦marked⟧ ranges of `src`; returns those problems. */
export function expectFlowRanges(src: string, code: string, project?: ProjectIndex): Problem[] {
  const { text, ranges } = marked(src);
  const all = validateFlow(text, project);
  const found = all.filter((p) => p.code === code).sort((a, b) => a.offset - b.offset);
  assert.deepEqual(
    found.map((p) => text.slice(p.offset, p.offset + p.length)),
    ranges.map((r) => text.slice(r.offset, r.offset + r.length)),
    `ranges of ${code}; messages: ${found.map((p) => p.message).join(' | ')}`,
  );
  assert.deepEqual(found.map((p) => [p.offset, p.length]), ranges.map((r) => [r.offset, r.length]));
  assert.ok(!all.some((p) => p.code === 'internal'), `internal error: ${all.filter((p) => p.code === 'internal').map((p) => p.message)}`);
  return found;
}
