import type { CalloutRule } from '../types';

export const numberType: CalloutRule = {
  id: 'callout-number-type',
  defaultSeverity: 'warning',
  doc: 'A sample number is a float or a long, which Flow HTTP callouts do not support without an Integer/Double override.',
  source: 'reference §1.4 (Help "HTTP Callout Considerations and Limits": no float/long, set integer or double)',
  check(ctx) {
    for (const f of ctx.fields) {
      if (f.overridden) continue;
      const t = f.inferred.kind === 'list' ? f.inferred.item : f.inferred;
      if (!t || t.kind !== 'primitive' || !t.note) continue;
      const message = t.note === 'float'
        ? `"${f.path}" is a decimal (float), which Flow HTTP callouts do not infer. Add \`types: { ${f.path}: Double }\` (or Integer if it is always whole).`
        : `"${f.path}" does not fit an Integer (it is a long), which Flow does not support. Add \`types: { ${f.path}: Double }\`.`;
      ctx.report({ offset: f.node.offset, length: f.node.length, message });
    }
  },
};
