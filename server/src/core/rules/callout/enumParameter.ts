import type { CalloutRule } from '../types';
import { getProperty, getPropertyValue } from '../../parse/tree';

export const enumParameter: CalloutRule = {
  id: 'callout-enum-type',
  defaultSeverity: 'info',
  doc: 'A parameter lists enum values; Flow has no enum type and treats it as a String.',
  source: 'reference §1.4 (Help "HTTP Callout Considerations and Limits": enum data type is not supported)',
  check(ctx) {
    for (const section of ['query', 'pathParameters'] as const) {
      for (const p of ctx.def.parameters(section)) {
        const e = getProperty(p.property.value, 'enum');
        if (!e) continue;
        const type = getPropertyValue(p.property.value, 'type');
        const isString = type?.type === 'string' && type.value === 'String';
        ctx.report({
          offset: e.keyOffset, length: e.keyLength,
          message: `Flow has no enum type: "${p.name}" is a String in Flow${isString ? '' : ' (set type: String)'}, and the allowed values are not enforced by Salesforce.`,
        });
      }
    }
  },
};
