import type { CalloutRule } from '../types';
import { findSampleField } from '../../model/samples';

/**
 * `from: 2XX.items.sku` when `items` is a list: Flow exposes `2XX.items` as a collection of Apex-defined
 * records, and a field of "the items" is not one value a single variable can receive.
 */
export const outputThroughList: CalloutRule = {
  id: 'callout-output-list-field',
  defaultSeverity: 'warning',
  doc: "An output's `from` reads a field through a list (a list sample, or a list field), which Flow exposes only as a collection.",
  source: 'reference §1.4–1.5 (lists become collections of Apex-defined types; outputs are assigned whole)',
  check(ctx) {
    const responses = new Map(ctx.def.responses().map((r) => [r.key, r]));
    for (const o of ctx.def.outputs()) {
      if (!o.from || !o.fromNode || o.from === 'responseCode') continue;
      const segments = o.from.replace(/\[\d*\]/g, '').split('.');
      if (segments.length < 2) continue;
      const response = responses.get(segments[0]);
      if (!response?.sample) continue;
      // The shortest prefix of the path that is a list (the sample itself, or a field on the way).
      let list: string | undefined = response.sample.type === 'array' ? segments[0] : undefined;
      for (let i = 2; !list && i < segments.length; i++) {
        const prefix = segments.slice(0, i).join('.');
        if (findSampleField(ctx.fields, prefix)?.type.kind === 'list') list = prefix;
      }
      if (!list || !findSampleField(ctx.fields, o.from)) continue;
      const rest = o.from.slice(list.length + 1);
      ctx.report({
        offset: o.fromNode.offset,
        length: o.fromNode.length,
        message: `"${list}" is a list, so Flow gets it as a collection and "${o.from}" is not a single value. Map "${list}" to a collection variable and read ${rest} in a Loop (or a Transform).`,
      });
    }
  },
};
