// Standard fields of the objects flows most often call out from, so `{!$Record.Field}` can be checked in a
// project that does not contain the object's metadata. Custom fields come from `objects/<Object>/fields/`.
// Types use the field-metadata vocabulary (Text, Email, Picklist, Checkbox, Currency, Number, Date, DateTime, Lookup…).

type FieldTable = Record<string, string>;

const common: FieldTable = {
  Id: 'Id', CreatedDate: 'DateTime', CreatedById: 'Lookup', LastModifiedDate: 'DateTime', LastModifiedById: 'Lookup',
  SystemModstamp: 'DateTime', IsDeleted: 'Checkbox',
};
const owned: FieldTable = { ...common, OwnerId: 'Lookup' };
const address = (p: string): FieldTable => ({
  [`${p}Street`]: 'TextArea', [`${p}City`]: 'Text', [`${p}State`]: 'Text', [`${p}PostalCode`]: 'Text', [`${p}Country`]: 'Text',
  [`${p}Latitude`]: 'Number', [`${p}Longitude`]: 'Number',
});

export const STANDARD_FIELDS: Record<string, FieldTable> = {
  Lead: {
    ...owned, ...address(''), Name: 'Text', FirstName: 'Text', LastName: 'Text', Salutation: 'Picklist', Title: 'Text',
    Company: 'Text', Email: 'Email', Phone: 'Phone', MobilePhone: 'Phone', Website: 'Url', Description: 'TextArea',
    LeadSource: 'Picklist', Status: 'Picklist', Industry: 'Picklist', Rating: 'Picklist', AnnualRevenue: 'Currency',
    NumberOfEmployees: 'Number', IsConverted: 'Checkbox', ConvertedAccountId: 'Lookup', ConvertedContactId: 'Lookup',
    ConvertedOpportunityId: 'Lookup', ConvertedDate: 'Date', HasOptedOutOfEmail: 'Checkbox', Street: 'TextArea',
  },
  Contact: {
    ...owned, ...address('Mailing'), ...address('Other'), Name: 'Text', FirstName: 'Text', LastName: 'Text',
    Salutation: 'Picklist', Title: 'Text', AccountId: 'Lookup', Email: 'Email', Phone: 'Phone', MobilePhone: 'Phone',
    HomePhone: 'Phone', Birthdate: 'Date', Department: 'Text', Description: 'TextArea', LeadSource: 'Picklist',
    ReportsToId: 'Lookup', HasOptedOutOfEmail: 'Checkbox', DoNotCall: 'Checkbox',
  },
  Account: {
    ...owned, ...address('Billing'), ...address('Shipping'), Name: 'Text', AccountNumber: 'Text', Type: 'Picklist',
    Industry: 'Picklist', Phone: 'Phone', Fax: 'Phone', Website: 'Url', Description: 'TextArea', AnnualRevenue: 'Currency',
    NumberOfEmployees: 'Number', ParentId: 'Lookup', Rating: 'Picklist', Site: 'Text', Ownership: 'Picklist', Sic: 'Text',
    TickerSymbol: 'Text',
  },
  Opportunity: {
    ...owned, Name: 'Text', AccountId: 'Lookup', Amount: 'Currency', CloseDate: 'Date', StageName: 'Picklist',
    Probability: 'Percent', Type: 'Picklist', LeadSource: 'Picklist', NextStep: 'Text', Description: 'TextArea',
    IsClosed: 'Checkbox', IsWon: 'Checkbox', ForecastCategoryName: 'Picklist', CampaignId: 'Lookup', Pricebook2Id: 'Lookup',
    ExpectedRevenue: 'Currency', TotalOpportunityQuantity: 'Number',
  },
  Case: {
    ...owned, CaseNumber: 'AutoNumber', Subject: 'Text', Description: 'TextArea', Status: 'Picklist', Priority: 'Picklist',
    Origin: 'Picklist', Reason: 'Picklist', Type: 'Picklist', AccountId: 'Lookup', ContactId: 'Lookup', ParentId: 'Lookup',
    IsClosed: 'Checkbox', IsEscalated: 'Checkbox', ClosedDate: 'DateTime', SuppliedEmail: 'Email', SuppliedName: 'Text',
    SuppliedPhone: 'Phone', SuppliedCompany: 'Text', ContactEmail: 'Email', ContactPhone: 'Phone',
  },
  User: {
    ...common, Username: 'Text', Name: 'Text', FirstName: 'Text', LastName: 'Text', Email: 'Email', Alias: 'Text',
    Title: 'Text', Department: 'Text', CompanyName: 'Text', Phone: 'Phone', MobilePhone: 'Phone', IsActive: 'Checkbox',
    ProfileId: 'Lookup', UserRoleId: 'Lookup', ManagerId: 'Lookup', TimeZoneSidKey: 'Picklist', LocaleSidKey: 'Picklist',
    LanguageLocaleKey: 'Picklist', FederationIdentifier: 'Text', EmployeeNumber: 'Text',
  },
  Organization: {
    Id: 'Id', Name: 'Text', Division: 'Text', Street: 'TextArea', City: 'Text', State: 'Text', PostalCode: 'Text',
    Country: 'Text', Phone: 'Phone', InstanceName: 'Text', IsSandbox: 'Checkbox', OrganizationType: 'Picklist',
    DefaultLocaleSidKey: 'Picklist', TimeZoneSidKey: 'Picklist', LanguageLocaleKey: 'Picklist',
  },
};

/** The Flow data type a field-metadata type maps to. */
export function flowTypeOfFieldType(fieldType: string): string {
  switch (fieldType) {
    case 'Checkbox':
      return 'Boolean';
    case 'Currency':
      return 'Currency';
    case 'Number':
    case 'Percent':
      return 'Number';
    case 'Date':
      return 'Date';
    case 'DateTime':
      return 'DateTime';
    case 'Time':
      return 'Time';
    case 'Picklist':
      return 'Picklist';
    case 'MultiselectPicklist':
      return 'Multipicklist';
    default:
      return 'String';
  }
}
