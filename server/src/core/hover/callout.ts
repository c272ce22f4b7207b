// Hover in callout definitions: a key's schema docs; a sample value's Flow type and generated Apex names;
// a merge field's resolution; a named credential's URL.
import type { HoverResult } from '../language';
import type { CalloutDefinition } from '../model/definition';
import { findMergeFields } from '../model/mergeFields';
import { resolveReference, scopeOf } from '../model/references';
import { apexClassOf, collectSampleFields } from '../model/samples';
import { describeType } from '../model/flowTypes';
import { findNodeAtOffset, pathOf } from '../parse/tree';
import type { ProjectIndex } from '../project/index';
import { schemaAt } from '../complete/schemaWalk';

export function hoverCallout(def: CalloutDefinition, offset: number, project?: ProjectIndex): HoverResult | undefined {
  const root = def.root;
  const at = findNodeAtOffset(root, offset);
  if (!at.node) return undefined;
  const text = def.doc.text;

  // A merge field under the cursor.
  if (!at.onKey && at.node.type === 'string') {
    const mf = findMergeFields(text, at.node.offset, at.node.offset + at.node.length).find((m) => offset >= m.offset && offset <= m.offset + m.length);
    if (mf && !mf.syntaxError) {
      const r = resolveReference(mf.expression, scopeOf(project, def.object, def.flow));
      const body = r.ok ? `${r.type ? `**${r.type}**` : ''}${r.detail ? `${r.type ? ' — ' : ''}${r.detail}` : ''}` : r.message;
      return { offset: mf.offset, length: mf.length, contents: `\`{!${mf.expression}}\`\n\n${body}` };
    }
  }

  const fields = collectSampleFields(def);
  const field = fields.find((f) => (at.onKey ? f.property === at.property : f.node === at.node));
  if (field) {
    const t = describeType(field.type, (n) => apexClassOf(def, n));
    const lines = [
      `**${field.path}** → Flow type **${t}**${field.overridden ? ' (from `types`)' : ''}`,
      '',
      `Apex property \`${field.apexName}\` of \`${apexClassOf(def, field.ownerType)}\``,
    ];
    if (field.type.kind === 'primitive' && field.type.note) lines.push('', `Sample is a ${field.type.note}: set a type override (Integer or Double).`);
    if (field.root !== 'request.body') lines.push('', `In the flow: \`{!<ActionName>.${field.path}}\``);
    const span = at.onKey && field.property ? { offset: field.property.keyOffset, length: field.property.keyLength } : { offset: field.node.offset, length: field.node.length };
    return { ...span, contents: lines.join('\n') };
  }

  if (at.property && at.property.parent === root && at.property.key === 'namedCredential' && !at.onKey && project) {
    const nc = project.namedCredentials.get(def.namedCredential ?? '');
    if (nc) {
      const v = at.property.value!;
      return { offset: v.offset, length: v.length, contents: `**Named credential ${nc.name}**\n\nURL: \`${nc.url ?? '(not set)'}\`\n\n${nc.externalCredential ? `External credential: \`${nc.externalCredential}\`\n\n` : ''}\`${project.relativePath(nc.file)}\`` };
    }
  }

  if (at.onKey && at.property) {
    const valuePath = at.property.value ? pathOf(at.property.value) : [];
    const s = schemaAt(valuePath);
    const doc = s?.markdownDescription ?? s?.description;
    if (doc) return { offset: at.property.keyOffset, length: at.property.keyLength, contents: `**${at.property.key}**\n\n${doc}` };
  }
  return undefined;
}
