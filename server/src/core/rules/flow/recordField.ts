import { reportReferences } from './unresolvedReference';
import type { FlowRule } from './types';

export const recordField: FlowRule = {
  id: 'flow-record-field',
  defaultSeverity: 'error',
  doc: "A $Record (or record variable) field or relationship that the object does not have: custom fields are checked against the project's objects/<Object>/fields, child relationships against the project's lookups pointing at the object (Plans__r) and the standard ones (Contacts), standard fields and unknown relationships only for near misses.",
  source: 'reference §2.8 (start object, $Record), §2.9 ($Record.Field references), C2; docs/salesforce-facts.md REF1 (child relationships), REF2 (standard child relationships), REF5 (what is reported)',
  check(ctx) {
    reportReferences(ctx, true);
  },
};
