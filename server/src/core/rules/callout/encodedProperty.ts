import type { CalloutRule } from '../types';

export const encodedProperty: CalloutRule = {
  id: 'callout-encoded-name',
  defaultSeverity: 'info',
  doc: 'A sample property name is an Apex reserved word or has characters Salesforce encodes; Flow shows the encoded name.',
  source: 'reference §1.4 (Help "Apex Reserved Keywords": type → z0type, - → x2d, _ → x5f)',
  check(ctx) {
    const seen = new Set<string>();
    for (const f of ctx.fields) {
      if (f.apexName === f.name || !f.property || seen.has(f.path)) continue;
      seen.add(f.path);
      ctx.report({
        offset: f.property.keyOffset, length: f.property.keyLength,
        message: `In Flow, "${f.name}" appears as "${f.apexName}" (External Services encode Apex reserved words and special characters). The request and response keep "${f.name}".`,
      });
    }
  },
};
