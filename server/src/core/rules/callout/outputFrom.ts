import type { CalloutRule } from '../types';
import { findSampleField } from '../../model/samples';
import { closest } from '../../model/similar';

export const outputFrom: CalloutRule = {
  id: 'callout-output-unknown',
  defaultSeverity: 'error',
  doc: "An output's `from` names a response or field that is not in the samples, so the flow variable would never be set.",
  source: 'reference §1.5 (outputs are responseCode and the declared responses, typed from the samples)',
  check(ctx) {
    const keys = new Set(ctx.def.responses().map((r) => r.key));
    for (const o of ctx.def.outputs()) {
      if (!o.from || !o.fromNode || o.from === 'responseCode') continue;
      const [key] = o.from.split('.');
      if (!keys.has(key)) {
        ctx.report({ offset: o.fromNode.offset, length: o.fromNode.length, message: `"${key}" is not a declared response. Declared: ${[...keys].join(', ') || 'none'}; add a ${key} sample under responses or map another one.` });
        continue;
      }
      if (o.from === key) continue;
      if (!findSampleField(ctx.fields, o.from)) {
        const candidates = ctx.fields.filter((f) => f.root === key).map((f) => f.path);
        const best = closest(o.from, candidates);
        ctx.report({
          offset: o.fromNode.offset, length: o.fromNode.length,
          message: `"${o.from}" is not a field of the ${key} sample${best ? `. Did you mean "${best}"?` : '.'}`,
          fix: best ? { kind: 'replace-any', titlePrefix: 'Change to', offset: o.fromNode.offset, length: o.fromNode.length, candidates: [best] } : undefined,
        });
      }
    }
  },
};
