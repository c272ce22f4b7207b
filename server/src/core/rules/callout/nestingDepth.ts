import type { CalloutRule } from '../types';
import { walk } from '../../parse/tree';
import { sampleRoots } from '../../model/samples';

const MAX_DEPTH = 15;

export const nestingDepth: CalloutRule = {
  id: 'callout-nesting-depth',
  defaultSeverity: 'error',
  doc: 'A sample nests fields and objects deeper than the 15 levels Flow supports.',
  source: 'reference §1.4 (2023 Help text quoted by sfdcwallah.com: up to 15 nested levels)',
  check(ctx) {
    for (const { root, node } of sampleRoots(ctx.def)) {
      let reported = false;
      walk(node, (n, depth) => {
        if (reported) return false;
        if (depth > MAX_DEPTH) {
          reported = true;
          ctx.report({ offset: n.offset, length: n.length, message: `The ${root} sample nests deeper than ${MAX_DEPTH} levels here (level ${depth}); Flow supports at most ${MAX_DEPTH}. Flatten the structure.` });
          return false;
        }
      });
    }
  },
};
