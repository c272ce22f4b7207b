import type { CalloutRule, CalloutRuleContext } from '../types';
import type { FixData } from '../../model/problem';

export const onlySuccessResponse: CalloutRule = {
  id: 'callout-only-2xx',
  defaultSeverity: 'info',
  doc: 'Only success responses are declared, so 4XX/5XX bodies reach the flow only as an untyped fault.',
  source: 'reference §1.5 (undeclared non-2XX bodies end up in defaultExc; add 4XX/5XX responses)',
  check(ctx) {
    const rs = ctx.def.responses();
    if (!rs.length || rs.some((r) => !/^2/.test(r.key))) return;
    const p = ctx.def.prop('responses')!;
    ctx.report({
      offset: p.keyOffset, length: p.keyLength,
      message: 'Only success responses are declared: a 4XX/5XX body will reach the flow only as a fault ($Flow.FaultMessage), not as fields. Add a 4XX sample to branch on error details.',
      fix: addErrorResponseFix(ctx),
    });
  },
};

/** Inserts a 4XX sample after the last declared response, in the file's own style. */
function addErrorResponseFix(ctx: CalloutRuleContext): FixData | undefined {
  const rs = ctx.def.responses();
  const last = rs[rs.length - 1]?.property;
  if (!last?.value) return undefined;
  const lineStart = ctx.text.lastIndexOf('\n', last.keyOffset - 1) + 1;
  const indent = ctx.text.slice(lineStart, last.keyOffset);
  const end = last.value.offset + last.value.length;
  if (ctx.def.doc.tree.flavour === 'json') {
    const keyIndent = /^\s*$/.test(indent) ? indent : '  ';
    return { kind: 'replace', title: 'Add a 4XX sample response', offset: end, length: 0, newText: `,\n${keyIndent}"4XX": { "sample": { "error": "invalid_request", "message": "The request is not valid" } }` };
  }
  if (!/^\s*$/.test(indent)) return undefined; // flow-style YAML mapping: leave it to the user
  return { kind: 'replace', title: 'Add a 4XX sample response', offset: end, length: 0, newText: `\n${indent}4XX:\n${indent}  sample: { error: invalid_request, message: The request is not valid }` };
}
