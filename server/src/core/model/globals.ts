// Flow global variables ($Flow, $User, $Organization, $Api, $Label, $Setup, $Permission, $System, …)
// and what can follow them. Sources: Help "$Flow Global Variables Resource", "Global Variables in Flow".
// $User, $Profile, $UserRole and $Organization read the fields of their object, the org's custom fields
// included; $Setup and $CustomMetadata read custom settings and custom metadata types; $Label and
// $Permission the org's labels and custom permissions (docs/salesforce-facts.md REF4, reference C4). What the
// project has not retrieved cannot be told from a typo: flow/resolve.ts checks only what it holds.
import { STANDARD_FIELDS } from './standardFields';

export interface GlobalInfo {
  name: string;
  doc: string;
  /** Known members (field → type); `open` when any name is allowed (custom labels, settings…). */
  members?: Record<string, string>;
  open?: boolean;
  /** The object whose fields follow the global (`$User.Email`, `$User.Profile_ID__c`): members are its fields. */
  object?: string;
  /** Where the object and its field sit in the path: `$Setup.<Setting__c>.<Field__c>` (1, 2), `$CustomMetadata.<Type__mdt>.<Record>.<Field__c>` (1, 3). */
  objectPath?: { object: number; field: number };
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
  { name: '$User', doc: 'The running user.', members: STANDARD_FIELDS.User, object: 'User' },
  { name: '$Organization', doc: 'The org.', members: STANDARD_FIELDS.Organization, object: 'Organization' },
  { name: '$Profile', doc: "The running user's profile.", members: { Id: 'Id', Name: 'Text', UserType: 'Picklist', Description: 'TextArea', UserLicenseId: 'Lookup' }, object: 'Profile' },
  { name: '$UserRole', doc: "The running user's role.", members: { Id: 'Id', Name: 'Text', DeveloperName: 'Text', ParentRoleId: 'Lookup', RollupDescription: 'Text', PortalType: 'Picklist' }, object: 'UserRole' },
  {
    name: '$Api',
    doc: 'API endpoints and the session id.',
    members: { Session_ID: 'String', Enterprise_Server_URL_610: 'String', Partner_Server_URL_610: 'String' },
    open: true,
  },
  { name: '$Label', doc: 'Custom labels: $Label.<LabelName>.', open: true },
  { name: '$Setup', doc: 'Hierarchy custom settings: $Setup.<Setting__c>.<Field__c>.', open: true, objectPath: { object: 1, field: 2 } },
  { name: '$Permission', doc: 'Custom permissions of the running user: $Permission.<Name>.', open: true },
  { name: '$CustomMetadata', doc: 'Custom metadata records: $CustomMetadata.<Type__mdt>.<Record>.<Field>.', open: true, objectPath: { object: 1, field: 3 } },
  { name: '$System', doc: 'System values.', members: { OriginDateTime: 'DateTime' } },
  { name: '$GlobalConstant', doc: 'Constants.', members: { True: 'Boolean', False: 'Boolean', EmptyString: 'String' } },
  { name: '$Client', doc: 'The client running a screen flow.', members: { FormFactor: 'String' } },
];

export function findGlobal(name: string): GlobalInfo | undefined {
  return FLOW_GLOBALS.find((g) => g.name.toLowerCase() === name.toLowerCase());
}
