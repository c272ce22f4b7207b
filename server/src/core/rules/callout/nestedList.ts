import type { CalloutRule } from '../types';

export const nestedList: CalloutRule = {
  id: 'callout-nested-list',
  defaultSeverity: 'warning',
  doc: 'A list directly inside a list becomes List<List<T>>, which a Flow Apex-defined variable cannot hold.',
  source: 'reference §1.4 (Help "Schema Definitions": nested anonymous arrays; "Considerations for the Apex-Defined Data Type")',
  check(ctx) {
    // The outermost list of each nesting (the lists inside it are not reported again): model/samples.ts sampleShape.
    for (const n of ctx.sampleShape().nested) {
      ctx.report({ offset: n.offset, length: n.length, message: 'A list inside a list becomes List<List<…>>, which Flow cannot use as a field of an Apex-defined variable. Wrap the inner list in an object.' });
    }
  },
};
