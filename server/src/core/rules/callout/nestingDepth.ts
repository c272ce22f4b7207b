import type { CalloutRule } from '../types';

// The 15-level limit rests on a 2023 secondary text; the current Help "Limits" capture does not show it
// (reference C9): a warning until re-verified.
const MAX_DEPTH = 15;

export const nestingDepth: CalloutRule = {
  id: 'callout-nesting-depth',
  defaultSeverity: 'warning',
  doc: 'A sample nests fields and objects deeper than the 15 levels Flow supports.',
  source: 'reference §1.4 and C9 (2023 Help text quoted by sfdcwallah.com: up to 15 nested levels; not found in the current Help limits: unverified; docs/salesforce-facts.md "Callout outcome and limits")',
  check(ctx) {
    // Per sample, the first node (depth-first) past the limit: every deeper one lies below a node at MAX_DEPTH + 1.
    for (const { root, nodes } of ctx.sampleShape().firstAtDepth) {
      const depth = MAX_DEPTH + 1;
      const n = nodes[depth];
      if (!n) continue;
      ctx.report({ offset: n.offset, length: n.length, message: `The ${root} sample nests deeper than ${MAX_DEPTH} levels here (level ${depth}); a 2023 Salesforce Help text limits samples to ${MAX_DEPTH} (not found in the current Help, so this is a warning). If Flow Builder refuses the sample, flatten the structure.` });
    }
  },
};
