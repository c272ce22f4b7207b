import type { CalloutRule } from '../types';
import { closest } from '../../model/similar';

// A named credential missing from the project is not evidence that it is missing from the org: projects often
// retrieve flows and definitions without their credentials (docs/salesforce-facts.md REF5, the same policy as an
// unknown External Service).
// Only a close name among the project's own credentials points at a typo (warning); otherwise an info note
// says what to retrieve.
export const namedCredential: CalloutRule = {
  id: 'callout-named-credential',
  defaultSeverity: 'info',
  doc: 'The named credential is not in the project: a warning with the close name when it looks like a typo of one that is, else an info note naming what to retrieve.',
  source: 'reference §1.2, §1.7 (a named credential gives the URL and authentication); docs/salesforce-facts.md REF5 (missing metadata is not evidence)',
  check(ctx) {
    const project = ctx.project;
    const v = ctx.def.prop('namedCredential')?.value;
    if (!project?.root || !v || v.type !== 'string') return;
    const name = v.value as string;
    if (!name || project.namedCredentials.has(name)) return;
    const best = closest(name, [...project.namedCredentials.keys()]);
    const folders = project.namedCredentialFolders().join(', ');
    if (best) {
      ctx.report({
        offset: v.offset, length: v.length, severity: 'warning',
        message: `Named credential "${name}" was not found in ${folders}. Did you mean "${best}"? Fix the name, or add namedCredentials/${name}.namedCredential-meta.xml (retrieve it from the org).`,
        fix: { kind: 'replace-any', titlePrefix: 'Change to', offset: v.offset, length: v.length, candidates: [best] },
      });
      return;
    }
    ctx.report({
      offset: v.offset, length: v.length,
      message: `Named credential "${name}" is not in this project (${folders}), so its URL and authentication are not checked. If it exists only in the org, retrieve it: sf project retrieve start --metadata NamedCredential:${name}. Otherwise fix the name.`,
    });
  },
};
