import { child, childrenNamed } from '../../parse/xml';
import { bestMatches } from '../../flow/objectFields';
import type { FlowRule } from './types';

export const actionOutput: FlowRule = {
  id: 'flow-action-output',
  defaultSeverity: 'error',
  doc: 'An externalService action maps an output that the operation does not have (valid: responseCode, declared responses, <code>Exc, defaultExc, default).',
  source: 'reference §1.5 (Operation Output Parameters), §2.6, §5.3',
  check(ctx) {
    for (const c of ctx.analysis.externalServiceCallouts) {
      if (c.resolution?.status !== 'ok') continue;
      const op = c.resolution.op;
      const names = op.outputs.map((o) => o.name);
      for (const p of childrenNamed(c.element.el, 'outputParameters')) {
        const nameEl = child(p, 'name');
        const name = nameEl?.text;
        if (!nameEl || !name || names.includes(name)) continue;
        const sameButCase = names.find((n) => n.toLowerCase() === name.toLowerCase());
        const candidates = sameButCase ? [sameButCase] : bestMatches(name, names);
        const range = { offset: nameEl.textOffset, length: Math.max(1, nameEl.textLength) };
        ctx.report({
          ...range,
          message: `${op.service}.${op.operation} has no output "${name}".${candidates.length ? ` Did you mean "${candidates[0]}"?` : ''} Its outputs: ${names.join(', ')}. An error response must be declared (e.g. 4XX) to be read as an output.`,
          fix: candidates.length ? { kind: 'replace-any', titlePrefix: 'Change to', ...range, candidates } : undefined,
        });
      }
    }
  },
};
