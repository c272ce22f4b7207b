import type { CalloutRule } from '../types';
import { getProperty } from '../../parse/tree';

export const requestHeader: CalloutRule = {
  id: 'callout-request-header',
  defaultSeverity: 'error',
  doc: 'Headers are set on the callout action; Flow HTTP callouts take headers only from the named/external credential.',
  source: 'reference §1.3 item 5 (Help "HTTP Callout Considerations and Limits": request headers are not supported)',
  check(ctx) {
    const where = [ctx.def.prop('headers'), getProperty(ctx.def.prop('request')?.value, 'headers')];
    const cred = ctx.def.namedCredential ?? '<NamedCredential>';
    const ext = ctx.project?.namedCredentials.get(cred)?.externalCredential ?? '<ExternalCredential>';
    for (const p of where) {
      if (!p) continue;
      ctx.report({
        offset: p.keyOffset, length: p.keyLength,
        message: `Flow HTTP callouts do not support request headers on the action. Add them to the named credential "${cred}" as custom headers (a secret can be {!$Credential.${ext}.<parameter>}) and remove "${p.key}" here.`,
      });
    }
  },
};
