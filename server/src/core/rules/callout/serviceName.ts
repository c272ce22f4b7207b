import type { CalloutRule } from '../types';
import { isValidExternalServiceName, toExternalServiceName } from '../../model/naming';

export const serviceName: CalloutRule = {
  id: 'callout-service-name',
  defaultSeverity: 'error',
  doc: 'The External Service name does not begin with a letter or has characters other than letters and digits.',
  source: 'reference §1.3 (Help "Configure an HTTP Callout Action": name rules)',
  check(ctx) {
    const p = ctx.def.prop('name');
    const v = p?.value;
    if (!v || v.type !== 'string') return;
    const name = v.value as string;
    if (!name || isValidExternalServiceName(name)) return;
    const suggestion = toExternalServiceName(name);
    ctx.report({
      offset: v.offset, length: v.length,
      message: `"${name}" is not a valid External Service name: it must begin with a letter and contain only letters and digits, without spaces or underscores. For example: ${suggestion}.`,
      fix: { kind: 'replace', title: `Rename to ${suggestion}`, offset: v.offset, length: v.length, newText: suggestion },
    });
  },
};
