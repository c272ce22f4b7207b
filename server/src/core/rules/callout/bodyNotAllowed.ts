import type { CalloutRule } from '../types';
import { getProperty } from '../../parse/tree';

export const bodyNotAllowed: CalloutRule = {
  id: 'callout-body-not-allowed',
  defaultSeverity: 'error',
  doc: 'A GET or DELETE callout has a request body.',
  source: 'reference §1.4 (Help "Schema Definitions": a GET with a request body is a validation error)',
  check(ctx) {
    const method = ctx.def.method;
    if (method !== 'GET' && method !== 'DELETE') return;
    const request = ctx.def.prop('request');
    const body = getProperty(request?.value, 'body');
    if (!body) return;
    ctx.report({
      offset: body.keyOffset, length: body.keyLength,
      message: `A ${method} callout cannot send a request body. Remove request.body, or use POST, PUT or PATCH.`,
    });
  },
};
