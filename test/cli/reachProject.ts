// A small SFDX project whose callouts hide behind a subflow, an Apex helper class and a managed-package
// action (written to a temp folder; removed by the caller). Shared by the CLI and language-server tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FLOWS = 'force-app/main/default/flows';
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

export function reachProject(settings: string): string {
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

/**
 * reachProject with the examples' definitions and metadata and the references fixture (screen actions running
 * flows, object fields) copied in: the project-wide checks all have something to read.
 */
export function wholeProject(settings: string): string {
  const dir = reachProject(settings);
  const repo = path.resolve(__dirname, '..', '..');
  fs.cpSync(path.join(repo, 'examples', 'callouts'), path.join(dir, 'callouts'), { recursive: true });
  fs.cpSync(path.join(repo, 'examples', 'force-app', 'main', 'default'), path.join(dir, 'force-app', 'main', 'default'), { recursive: true });
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'references', 'force-app'), path.join(dir, 'force-app'), { recursive: true });
  return dir;
}
