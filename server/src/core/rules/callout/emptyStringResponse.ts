import type { CalloutRule } from '../types';

export const emptyStringResponse: CalloutRule = {
  id: 'callout-empty-response',
  defaultSeverity: 'error',
  doc: 'A sample response is the empty string; Flow needs {} or [] for an empty response.',
  source: 'reference §1.4 (Help "HTTP Callout Considerations and Limits": empty responses)',
  check(ctx) {
    for (const r of ctx.def.responses()) {
      const s = r.sample;
      if (s && s.type === 'string' && (s.value as string).trim() === '' && r.contentType === 'application/json') {
        ctx.report({
          offset: s.offset, length: Math.max(1, s.length),
          message: `The ${r.key} sample is an empty string. Use an empty JSON object {} or an empty array [] so Flow handles the empty response.`,
          fix: { kind: 'replace', title: 'Use {} for the empty response', offset: s.offset, length: s.length, newText: '{}' },
        });
      }
    }
  },
};
