import { rawText } from '../../flow/sites';
import type { FlowRule } from './types';

/** Leaves that are values the flow computes with (any URL there is a hard-coded endpoint or link). */
const VALUE_TAGS = new Set(['stringValue', 'expression', 'formulaExpression']);
/** Leaves shown to people: only links into a specific org are reported there. */
const DISPLAY_TAGS = new Set(['fieldText', 'text', 'helpText', 'errorMessage', 'label', 'interviewLabel']);
const URL = /https?:\/\/[^\s"'<>(){}[\]&]+/gi;
const ORG_HOST = /(\.my\.salesforce\.com|\.force\.com|\.my\.site\.com|\.salesforce-sites\.com|\.cloudforce\.com|\.visualforce\.com|\.my\.salesforce-setup\.com)$|^(na|eu|ap|cs|um|gs|usa)\d+\.salesforce\.com$/i;

export const hardcodedUrl: FlowRule = {
  id: 'flow-hardcoded-url',
  defaultSeverity: 'warning',
  doc: 'A value holds a hard-coded URL: an org-specific Salesforce address, or an endpoint that belongs in a named credential.',
  source: 'reference §1.7 (endpoints and authentication live in named/external credentials), §4',
  check(ctx) {
    let reported = 0;
    const { model } = ctx.analysis;
    for (const el of ctx.analysis.textLeaves) {
      const value = VALUE_TAGS.has(el.name);
      if (!value && !DISPLAY_TAGS.has(el.name)) continue;
      if (!el.text.includes('http')) continue;
      const raw = rawText(model, el);
      URL.lastIndex = 0;
      for (let m = URL.exec(raw); m; m = URL.exec(raw)) {
        const host = /^https?:\/\/([^/:?#]+)/i.exec(m[0])?.[1] ?? '';
        const org = ORG_HOST.test(host);
        if (!org && !value) continue;
        ctx.report({
          offset: el.textOffset + m.index, length: m[0].length,
          message: org
            ? `Hard-coded org URL (${host}): it points at one org and breaks in sandboxes, scratch orgs and after a My Domain change. Build it from a formula on $Api.Partner_Server_URL_xxx, a custom label or custom metadata, or use a relative link (/lightning/r/…).`
            : `Hard-coded endpoint ${host}: calls to it bypass named credentials (authentication, per-org endpoints). Call it through an HTTP Callout action on a named credential, or keep the URL in custom metadata.`,
        });
        if (++reported >= 100) return;
      }
    }
  },
};
