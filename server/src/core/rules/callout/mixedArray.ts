import type { CalloutRule } from '../types';
import type { ValueNode } from '../../parse/tree';

export const mixedArray: CalloutRule = {
  id: 'callout-mixed-array',
  defaultSeverity: 'error',
  doc: 'A list in a sample mixes value types; Flow only supports lists whose items have one type.',
  source: 'reference §1.4 (Help "HTTP Callout Considerations and Limits": arrays must be homogeneous)',
  check(ctx) {
    // Every list of every sample, depth-first (model/samples.ts sampleShape).
    for (const { node: n } of ctx.sampleShape().lists) {
      if (!isMixed(n.items)) continue;
      const kinds = [...new Set(n.items.filter((i) => i.type !== 'null').map((i) => i.type))];
      ctx.report({ offset: n.offset, length: n.length, message: `This list mixes ${kinds.join(' and ')} values; Flow supports only lists whose items have the same type. Make the sample list homogeneous.` });
    }
  },
};

/** Whether the non-null items have more than one type (checked without allocating: most lists are not mixed). */
function isMixed(items: ValueNode[]): boolean {
  let first: string | undefined;
  for (const i of items) {
    if (i.type === 'null') continue;
    if (first === undefined) first = i.type;
    else if (i.type !== first) return true;
  }
  return false;
}
