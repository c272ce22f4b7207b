import type { CalloutRule } from '../types';

export const mixedArray: CalloutRule = {
  id: 'callout-mixed-array',
  defaultSeverity: 'error',
  doc: 'A list in a sample mixes value types; Flow only supports lists whose items have one type.',
  source: 'reference §1.4 (Help "HTTP Callout Considerations and Limits": arrays must be homogeneous)',
  check(ctx) {
    // Every mixed list of every sample, depth-first (model/samples.ts sampleShape).
    for (const n of ctx.sampleShape().mixed) {
      const kinds = [...new Set(n.items.filter((i) => i.type !== 'null').map((i) => i.type))];
      ctx.report({ offset: n.offset, length: n.length, message: `This list mixes ${kinds.join(' and ')} values; Flow supports only lists whose items have the same type. Make the sample list homogeneous.` });
    }
  },
};
