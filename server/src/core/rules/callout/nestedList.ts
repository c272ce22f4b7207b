import type { CalloutRule } from '../types';
import { walk } from '../../parse/tree';
import { sampleRoots } from '../../model/samples';

export const nestedList: CalloutRule = {
  id: 'callout-nested-list',
  defaultSeverity: 'warning',
  doc: 'A list directly inside a list becomes List<List<T>>, which a Flow Apex-defined variable cannot hold.',
  source: 'reference §1.4 (Help "Schema Definitions": nested anonymous arrays; "Considerations for the Apex-Defined Data Type")',
  check(ctx) {
    for (const { node } of sampleRoots(ctx.def)) {
      walk(node, (n) => {
        if (n.type === 'array' && n.items.some((i) => i.type === 'array')) {
          ctx.report({ offset: n.offset, length: n.length, message: 'A list inside a list becomes List<List<…>>, which Flow cannot use as a field of an Apex-defined variable. Wrap the inner list in an object.' });
          return false;
        }
      });
    }
  },
};
