import type { CalloutRule } from '../types';
import { closest } from '../../model/similar';

export const namedCredential: CalloutRule = {
  id: 'callout-named-credential',
  defaultSeverity: 'warning',
  doc: 'The named credential is not in the project, so the callout has no URL or authentication until it is deployed.',
  source: 'reference §1.2, §1.7 (a named credential gives the URL and authentication)',
  check(ctx) {
    const project = ctx.project;
    const v = ctx.def.prop('namedCredential')?.value;
    if (!project?.root || !v || v.type !== 'string') return;
    const name = v.value as string;
    if (!name || project.namedCredentials.has(name)) return;
    const known = [...project.namedCredentials.keys()];
    const best = closest(name, known);
    ctx.report({
      offset: v.offset, length: v.length,
      message: `Named credential "${name}" was not found in ${project.namedCredentialFolders().join(', ')}. ${best ? `Did you mean "${best}"? ` : ''}Add namedCredentials/${name}.namedCredential-meta.xml, retrieve it from the org, or fix the name.`,
      fix: best ? { kind: 'replace-any', titlePrefix: 'Change to', offset: v.offset, length: v.length, candidates: [best] } : undefined,
    });
  },
};
