import { reportReferences } from './unresolvedReference';
import type { FlowRule } from './types';

export const recordField: FlowRule = {
  id: 'flow-record-field',
  defaultSeverity: 'error',
  doc: "A $Record (or record variable) field that the object does not have: custom fields are checked against the project's objects/<Object>/fields, standard fields for near misses.",
  source: 'reference §2.8 (start object, $Record), §2.9 ($Record.Field references)',
  check(ctx) {
    reportReferences(ctx, true);
  },
};
