import type { CalloutRule } from '../types';

export const nullSample: CalloutRule = {
  id: 'callout-null-sample',
  defaultSeverity: 'warning',
  doc: 'A sample value is null (or an empty list) and no type override says what Flow type it has.',
  source: 'reference §1.4 (practitioners: blank/null values cannot be typed automatically)',
  check(ctx) {
    for (const f of ctx.fields) {
      if (f.overridden || f.type.kind !== 'unknown') continue;
      const what = f.type.reason === 'empty-list' ? 'an empty list' : 'null';
      // `key:` with nothing after it has an empty value node: point at the key instead.
      const at = f.node.length || !f.property ? { offset: f.node.offset, length: Math.max(1, f.node.length) } : { offset: f.property.keyOffset, length: Math.max(1, f.property.keyLength) };
      ctx.report({
        ...at,
        message: `"${f.path}" is ${what} in the sample, so Flow cannot infer its type. Give a real value, or add \`types: { ${f.path}: String }\` (or Integer, Double, Boolean, Date, DateTime).`,
      });
    }
  },
};
