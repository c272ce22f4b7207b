import { child, childrenNamed } from '../../parse/xml';
import { bestMatches } from '../../flow/objectFields';
import { inputLocationLabel, inputMatches, type OperationInput } from '../../flow/operations';
import type { FlowRule } from './types';

export const actionInput: FlowRule = {
  id: 'flow-action-input',
  defaultSeverity: 'error',
  doc: "An externalService action passes an input that is not one of the operation's parameters (path, query, header, form) or its body, or leaves a required one out.",
  source: 'docs/salesforce-facts.md ESR-1…ESR-5 (reference C1: an operation\'s inputs are its path, query, header and form parameters and its body), reference §2.6 (inputParameters names), §5.2',
  check(ctx) {
    for (const c of ctx.analysis.externalServiceCallouts) {
      if (c.resolution?.status !== 'ok') continue;
      const op = c.resolution.op;
      const given = new Set<string>();
      for (const p of childrenNamed(c.element.el, 'inputParameters')) {
        const nameEl = child(p, 'name');
        const name = nameEl?.text;
        if (!nameEl || !name) continue;
        given.add(name);
        if (op.inputs.some((i) => inputMatches(i, name))) continue;
        const sameButCase = op.inputs.find((i) => i.name.toLowerCase() === name.toLowerCase());
        const candidates = sameButCase ? [sameButCase.name] : bestMatches(name, op.inputs.map((i) => i.name));
        const range = { offset: nameEl.textOffset, length: Math.max(1, nameEl.textLength) };
        // Whether Flow matches an action's input names regardless of case is not documented (Apex, behind
        // the generated actions, ignores case): a spelling that differs only in case is a warning, not an error.
        ctx.report({
          ...range,
          ...(sameButCase ? { severity: 'warning' as const } : {}),
          message: sameButCase
            ? `${op.service}.${op.operation} declares this input as "${sameButCase.name}", not "${name}". Whether Flow matches input names regardless of case is not documented, so the action may not receive it; use the declared spelling. ${describeInputs(op.inputs)}`
            : `${op.service}.${op.operation} has no input "${name}".${candidates.length ? ` Did you mean "${candidates[0]}"?` : ''} ${describeInputs(op.inputs)}`,
          fix: candidates.length ? { kind: 'replace-any', titlePrefix: 'Change to', ...range, candidates } : undefined,
        });
      }
      const missing = op.inputs.filter((i) => i.required && ![...given].some((g) => inputMatches(i, g) || g.toLowerCase() === i.name.toLowerCase()));
      if (!missing.length) continue;
      const at = c.actionNameEl ?? c.element.nameEl;
      const list = missing.map((m) => `${m.name} (${inputLocationLabel(m.in)})`).join(', ');
      ctx.report({
        offset: at.textOffset, length: Math.max(1, at.textLength),
        message: `${c.element.name} does not set the required input${missing.length > 1 ? 's' : ''} ${list} of ${op.service}.${op.operation}. Add an <inputParameters> for ${missing.length > 1 ? 'each' : 'it'} (Flow Builder: Set Input Values).`,
      });
    }
  },
};


/** "Its inputs: pin (header, required), …" — the operation's every declared input, never "none" when it has any. */
function describeInputs(inputs: OperationInput[]): string {
  if (!inputs.length) return 'The operation declares no inputs.';
  return `Its inputs: ${inputs.map((i) => `${i.name} (${inputLocationLabel(i.in)}${i.required ? ', required' : ''})`).join(', ')}.`;
}
