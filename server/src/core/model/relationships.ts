// Relationship names a record reference may use after `$Record.` / `myAccount.`: the parent side of a
// lookup (`Account` for AccountId, `Parent__r` for Parent__c) and the child side — the related list a flow
// reads or updates through the triggering record (`<inputReference>$Record.Plans__r</inputReference>`:
// "update records related to the record that triggered the flow", docs/salesforce-facts.md REF1).
//
// Child relationships come from two places, and only these:
// - the project: every Lookup/MasterDetail field whose `<referenceTo>` is the object gives
//   `<relationshipName>__r` (Metadata API CustomField `relationshipName`; SOQL and SOSL Reference
//   "Understanding Relationship Names, Custom Objects, and Custom Fields": custom child relationships
//   end in `__r`);
// - the table below of standard child relationships of standard objects. Source: SOQL and SOSL Reference
//   "Understanding Relationship Names" (REF2: "the plural of the child object name … Account has child
//   relationships to Assets, Cases, and Contacts") and the Object Reference's per-object child lists.
//   It is deliberately small: a standard name missing from it is never reported on its own (see
//   flow/objectFields.ts), it only feeds "did you mean".

export interface RelationshipSource {
  /** Object API name → field API name → field, as read from `objects/<Object>/fields/`. */
  readonly objectFields: ReadonlyMap<string, ReadonlyMap<string, { name: string; type: string; referenceTo?: string; relationshipName?: string }>>;
}

/** Child relationships every object with activities, notes, files, history or sharing may have. */
const COMMON_CHILDREN = [
  'ActivityHistories', 'AttachedContentDocuments', 'Attachments', 'CombinedAttachments', 'ContentDocumentLinks', 'Events',
  'Feeds', 'Histories', 'Notes', 'NotesAndAttachments', 'OpenActivities', 'ProcessInstances', 'ProcessSteps', 'Shares', 'Tasks',
];

/** Standard child relationships of standard objects (relationship name as SOQL and Flow use it). */
export const STANDARD_CHILD_RELATIONSHIPS: Readonly<Record<string, readonly string[]>> = {
  Account: ['AccountContactRelations', 'Assets', 'Cases', 'ChildAccounts', 'Contacts', 'Contracts', 'Opportunities', 'Orders', 'Partners', 'Users'],
  Contact: ['AccountContactRelations', 'Assets', 'CampaignMembers', 'Cases', 'OpportunityContactRoles'],
  Lead: ['CampaignMembers'],
  Opportunity: ['OpportunityCompetitors', 'OpportunityContactRoles', 'OpportunityLineItems', 'OpportunityHistories', 'Partners', 'Quotes'],
  Case: ['CaseComments', 'CaseContactRoles', 'Cases', 'EmailMessages'],
  Campaign: ['CampaignMembers', 'ChildCampaigns', 'Opportunities'],
  Contract: ['Orders'],
  Order: ['OrderItems'],
  Quote: ['QuoteLineItems'],
  Product2: ['PricebookEntries'],
  User: ['ManagedUsers'],
};

/** Standard child relationships of `object` (the common ones included), by exact API name. */
export function standardChildRelationships(object: string): string[] {
  const key = Object.keys(STANDARD_CHILD_RELATIONSHIPS).find((k) => k.toLowerCase() === object.toLowerCase());
  return [...(key ? STANDARD_CHILD_RELATIONSHIPS[key] : []), ...COMMON_CHILDREN];
}

/**
 * `<relationshipName>__r` of every project Lookup/MasterDetail field pointing at `object` (case-insensitive).
 * Not cached: it is read only for a name that is not one of the object's fields, and resolutions are cached.
 */
export function projectChildRelationships(project: RelationshipSource, object: string): string[] {
  const lower = object.toLowerCase();
  const out: string[] = [];
  for (const fields of project.objectFields.values()) {
    for (const f of fields.values()) {
      if (f.relationshipName && f.referenceTo?.toLowerCase() === lower && /^(Lookup|MasterDetail)$/i.test(f.type)) out.push(`${f.relationshipName}__r`);
    }
  }
  return out;
}

/** The parent relationship a name stands for, as the field that holds it: `Account` → AccountId, `Parent__r` → Parent__c. */
export function parentRelationshipField(name: string): string {
  return /__r$/i.test(name) ? name.replace(/__r$/i, '__c') : `${name}Id`;
}
