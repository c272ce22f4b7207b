import type { CalloutRule } from '../types';

export const pathParameters: CalloutRule = {
  id: 'callout-path-parameter',
  defaultSeverity: 'error',
  doc: 'A {parameter} in the path is not declared under pathParameters, or a declared one is not in the path.',
  source: 'reference §1.4 (Help "Schema Definitions": each parameter must have a name)',
  check(ctx) {
    const pathValue = ctx.def.prop('path')?.value;
    const declared = ctx.def.parameters('pathParameters');
    const names = new Set(declared.map((d) => d.name));
    const used = new Set<string>();
    if (pathValue?.type === 'string') {
      const raw = ctx.text.slice(pathValue.offset, pathValue.offset + pathValue.length);
      for (const m of raw.matchAll(/\{([^}!]*)\}/g)) {
        used.add(m[1]);
        if (!names.has(m[1])) {
          ctx.report({ offset: pathValue.offset + (m.index ?? 0), length: m[0].length, message: `Path parameter "${m[1]}" is not declared. Add it under pathParameters with its Flow type.` });
        }
      }
    }
    for (const d of declared) {
      if (!used.has(d.name)) ctx.report({ offset: d.property.keyOffset, length: d.property.keyLength, message: `Path parameter "${d.name}" is not used in the path. Add {${d.name}} to the path or remove it.`, tags: ['unnecessary'] });
    }
  },
};
