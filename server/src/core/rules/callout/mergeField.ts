import type { CalloutRule } from '../types';
import { walk } from '../../parse/tree';
import { findMergeFields } from '../../model/mergeFields';
import { resolveReference, scopeOf } from '../../model/references';

export const mergeField: CalloutRule = {
  id: 'callout-merge-field',
  defaultSeverity: 'error',
  doc: 'A {!…} merge field in the request is malformed, or refers to a field, global or flow resource that does not exist.',
  source: 'reference §1.3 (sample body values come from the flow); Flow merge-field syntax; resolved like flow references: docs/salesforce-facts.md REF1–REF5',
  check(ctx) {
    const body = ctx.def.requestBody;
    const query = ctx.def.prop('query')?.value;
    const scope = scopeOf(ctx.project, ctx.def.object, ctx.def.flow);
    // A JSON string's source is its quoted token, so `{!` in the source is `{!` in the value: a value without
    // it holds no merge field, and its position (placed on demand, parse/jsonLazy.ts) is not needed.
    const json = ctx.def.doc.tree.flavour === 'json';
    for (const root of [body, query]) {
      walk(root, (n) => {
        if (n.type !== 'string') return;
        if (json && !(n.value as string).includes('{!')) return;
        for (const ref of findMergeFields(ctx.text, n.offset, n.offset + n.length)) {
          if (ref.syntaxError) {
            ctx.report({ offset: ref.offset, length: ref.length, message: ref.syntaxError });
            continue;
          }
          const r = resolveReference(ref.expression, scope);
          if (!r.ok) {
            const offset = ref.expressionOffset + r.segmentOffset;
            ctx.report({
              offset, length: r.segmentLength, message: r.message, severity: r.severity,
              fix: r.suggestion ? { kind: 'replace-any', titlePrefix: 'Change to', offset, length: r.segmentLength, candidates: [r.suggestion] } : undefined,
            });
          }
        }
      });
    }
  },
};
