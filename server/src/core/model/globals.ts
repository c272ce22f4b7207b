// Flow global variables ($Flow, $User, $Organization, $Api, $Label, $Setup, $Permission, $System, …)
// and what can follow them. Sources: Help "$Flow Global Variables Resource", "Global Variables in Flow".
import { STANDARD_FIELDS } from './standardFields';

export interface GlobalInfo {
  name: string;
  doc: string;
  /** Known members (field → type); `open` when any name is allowed (custom labels, settings…). */
  members?: Record<string, string>;
  open?: boolean;
}

export const FLOW_GLOBALS: GlobalInfo[] = [
  { name: '$Record', doc: 'The record that started a record-triggered flow (its trigger object).' },
  { name: '$Record__Prior', doc: 'The record before the change (record-triggered flows on update).' },
  {
    name: '$Flow',
    doc: 'Values of the running flow interview.',
    members: {
      CurrentDate: 'Date', CurrentDateTime: 'DateTime', CurrentRecord: 'String', FaultMessage: 'String',
      InterviewGuid: 'String', InterviewStartTime: 'DateTime', ActiveStages: 'String', CurrentStage: 'String',
    },
  },
  { name: '$User', doc: 'The running user.', members: STANDARD_FIELDS.User },
  { name: '$Organization', doc: 'The org.', members: STANDARD_FIELDS.Organization },
  { name: '$Profile', doc: "The running user's profile.", members: { Id: 'Id', Name: 'Text', UserType: 'Picklist' } },
  { name: '$UserRole', doc: "The running user's role.", members: { Id: 'Id', Name: 'Text', DeveloperName: 'Text' } },
  {
    name: '$Api',
    doc: 'API endpoints and the session id.',
    members: { Session_ID: 'String', Enterprise_Server_URL_610: 'String', Partner_Server_URL_610: 'String' },
    open: true,
  },
  { name: '$Label', doc: 'Custom labels: $Label.<LabelName>.', open: true },
  { name: '$Setup', doc: 'Hierarchy custom settings: $Setup.<Setting__c>.<Field__c>.', open: true },
  { name: '$Permission', doc: 'Custom permissions of the running user: $Permission.<Name>.', open: true },
  { name: '$CustomMetadata', doc: 'Custom metadata records: $CustomMetadata.<Type__mdt>.<Record>.<Field>.', open: true },
  { name: '$System', doc: 'System values.', members: { OriginDateTime: 'DateTime' } },
  { name: '$GlobalConstant', doc: 'Constants.', members: { True: 'Boolean', False: 'Boolean', EmptyString: 'String' } },
  { name: '$Client', doc: 'The client running a screen flow.', members: { FormFactor: 'String' } },
];

export function findGlobal(name: string): GlobalInfo | undefined {
  return FLOW_GLOBALS.find((g) => g.name.toLowerCase() === name.toLowerCase());
}
