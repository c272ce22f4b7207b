import type { CalloutRule } from '../types';
import { closest } from '../../model/similar';

export const typeOverride: CalloutRule = {
  id: 'callout-type-override-unknown',
  defaultSeverity: 'warning',
  doc: 'A type override names a field that is not in any sample, so it changes nothing.',
  source: 'reference §1.4 (types are set per field of the inferred schema)',
  check(ctx) {
    const paths = new Set(ctx.fields.map((f) => f.path));
    for (const [path, o] of ctx.def.typeOverrides()) {
      if (paths.has(path)) continue;
      const best = closest(path, paths);
      ctx.report({
        offset: o.property.keyOffset, length: o.property.keyLength,
        message: `"${path}" is not a field of any sample${best ? `. Did you mean "${best}"?` : '.'}`,
        tags: ['unnecessary'],
        fix: best ? { kind: 'replace-any', titlePrefix: 'Change to', offset: o.property.keyOffset, length: o.property.keyLength, candidates: [best] } : undefined,
      });
    }
  },
};
