import type { CalloutRule } from '../types';
import { getProperty } from '../../parse/tree';

// GET: Help "Schema Definitions" documents a GET with a request body as a validation error (reference §1.4).
// DELETE: only GET is documented as refusing a body, and the Winter '24 notes speak of "sample request … for
// POST, PUT, PATCH, and DELETE" (reference C8; docs/salesforce-facts.md "Callout outcome and limits"): a warning.
export const bodyNotAllowed: CalloutRule = {
  id: 'callout-body-not-allowed',
  defaultSeverity: 'error',
  doc: 'A GET callout has a request body (error); a DELETE callout has one (warning: not documented either way).',
  source: 'reference §1.4 (Help "Schema Definitions": a GET with a request body is a validation error); C8 (DELETE: only GET is documented, Winter \'24 notes mention DELETE sample requests; docs/salesforce-facts.md "Callout outcome and limits")',
  check(ctx) {
    const method = ctx.def.method;
    if (method !== 'GET' && method !== 'DELETE') return;
    const request = ctx.def.prop('request');
    const body = getProperty(request?.value, 'body');
    if (!body) return;
    if (method === 'GET') {
      ctx.report({
        offset: body.keyOffset, length: body.keyLength,
        message: 'A GET callout cannot send a request body: External Services reject it when the schema is validated. Remove request.body, or use POST, PUT or PATCH.',
      });
      return;
    }
    ctx.report({
      offset: body.keyOffset, length: body.keyLength, severity: 'warning',
      message: 'A DELETE callout with a request body: Salesforce documents only GET as refusing a body, and its Winter \'24 notes mention sample requests for DELETE, so this may work — but many servers and proxies drop a DELETE body. Test it in a sandbox, or send the data as query parameters.',
    });
  },
};
