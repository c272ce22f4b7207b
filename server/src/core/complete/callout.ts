// Completion in callout definitions: keys and snippets from the schema, enum values with descriptions,
// named credentials from the project, `from` paths and `types` keys from the samples, flow variables,
// and merge fields after `{!`.
import type { CompletionEntry } from '../language';
import { CalloutDefinition } from '../model/definition';
import { scopeOf } from '../model/references';
import { collectSampleFields } from '../model/samples';
import { describeType } from '../model/flowTypes';
import type { ProjectIndex } from '../project/index';
import { cursorContext } from './context';
import { completeMergeField, openMergeField } from './mergeFieldCompletion';
import { schemaAt, type JsonSchema } from './schemaWalk';
import { quoteToClose, withoutCursorLine } from './typing';
import { parseCalloutText } from '../parse';

/**
 * The definition's `object` and `flow` as the rest of the file says them. While a line is half-typed (an open
 * quote in YAML runs on over the following lines) the parse may lose keys below it: read them without that line.
 */
function scopeDefinition(def: CalloutDefinition, offset: number): CalloutDefinition {
  if (!def.doc.tree.syntaxErrors.length || (def.object && def.flow)) return def;
  const text = withoutCursorLine(def.doc.text, offset);
  return new CalloutDefinition({ fileName: def.doc.fileName, text, tree: parseCalloutText(text, def.doc.fileName) });
}

export function completeCallout(def: CalloutDefinition, offset: number, project?: ProjectIndex): CompletionEntry[] {
  const text = def.doc.text;
  const flavour = def.doc.tree.flavour;
  // Only merge fields and flow variables need the scope: the repair parse is not paid for anything else.
  const scope = () => {
    const scoped = scopeDefinition(def, offset);
    return scopeOf(project, scoped.object ?? def.object, scoped.flow ?? def.flow);
  };
  const mf = openMergeField(text, offset);
  if (mf) return completeMergeField(mf, scope(), quoteToClose(text, offset, mf.leafEnd, flavour));
  const ctx = cursorContext(text, offset, flavour);
  const replace = { offset: ctx.wordOffset, length: ctx.word.length };
  // A value typed after an opening quote that is not closed yet gets its closing quote with the value.
  const close = ctx.isKey ? '' : quoteToClose(text, offset, offset, flavour);
  const q = (s: string) => (flavour === 'json' && !ctx.inQuotes ? JSON.stringify(s) : s + close);
  const out: CompletionEntry[] = [];
  const last = ctx.path[ctx.path.length - 1];
  if (!ctx.isKey) {
    if (ctx.key === 'namedCredential' && ctx.path.length === 1) {
      for (const nc of project?.namedCredentials.values() ?? []) {
        out.push({ label: nc.name, kind: 'credential', detail: nc.url ?? 'named credential', documentation: `${nc.label ?? nc.name}${nc.externalCredential ? ` · external credential ${nc.externalCredential}` : ''}\n\n\`${project!.relativePath(nc.file)}\``, insertText: q(nc.name), replace });
      }
      return out;
    }
    if (ctx.key === 'from' && ctx.path[0] === 'outputs') {
      out.push({ label: 'responseCode', kind: 'field', detail: 'Integer', documentation: 'The HTTP status code of the response.', insertText: q('responseCode'), replace });
      for (const r of def.responses()) out.push({ label: r.key, kind: 'field', detail: 'the whole response (Apex-defined)', insertText: q(r.key), replace });
      for (const f of collectSampleFields(def)) if (f.root !== 'request.body') out.push({ label: f.path, kind: 'field', detail: describeType(f.type), insertText: q(f.path), replace });
      return out;
    }
    if (ctx.key === 'to' && ctx.path[0] === 'outputs') {
      for (const r of scope().flow?.resources.values() ?? []) if (r.kind === 'variable') out.push({ label: r.name, kind: 'variable', detail: `${r.apexClass ?? r.dataType ?? ''}${r.isCollection ? ' (collection)' : ''}`, insertText: q(r.name), replace });
      return out;
    }
    if (ctx.key === 'flow' && ctx.path.length === 1) {
      for (const f of project?.flows.values() ?? []) {
        const rel = project!.relativePath(f.file);
        out.push({ label: rel, kind: 'reference', detail: f.label ?? f.name, insertText: q(rel), replace });
      }
      return out;
    }
    if (ctx.key === 'object' && ctx.path.length === 1) {
      const objects = new Set(['Lead', 'Contact', 'Account', 'Opportunity', 'Case', ...(project?.objectFields.keys() ?? [])]);
      for (const o of objects) out.push({ label: o, kind: 'class', insertText: q(o), replace });
      return out;
    }
    const s = schemaAt(ctx.path);
    if (s?.enum) {
      s.enum.forEach((v, i) => out.push({ label: String(v), kind: 'enum', documentation: s.enumDescriptions?.[i], insertText: typeof v === 'string' ? q(v) : String(v), replace }));
    } else if (s?.type === 'boolean') {
      for (const b of ['true', 'false']) out.push({ label: b, kind: 'value', insertText: b, replace });
    }
    return out;
  }
  // Keys.
  if (last === 'types') {
    for (const f of collectSampleFields(def)) out.push({ label: f.path, kind: 'field', detail: `inferred: ${describeType(f.inferred)}`, insertText: flavour === 'json' ? `${q(f.path)}: "$1"` : `${f.path}: $1`, snippet: true, replace });
    return out;
  }
  if (ctx.path[0] === 'test' && ctx.path[1] === 'inputs') {
    for (const ref of def.doc.text.matchAll(/\{!\s*([$A-Za-z0-9_.]+)\s*\}/g)) {
      if (!out.some((o) => o.label === ref[1])) out.push({ label: ref[1], kind: 'variable', detail: 'merge field in the request', insertText: flavour === 'json' ? `${q(ref[1])}: "$1"` : `${ref[1]}: $1`, snippet: true, replace });
    }
    return out;
  }
  const schema = schemaAt(ctx.path);
  const present = presentKeys(def, ctx.path);
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    if (present.has(key) || key === '$schema' || key === 'headers') continue;
    out.push({
      label: key, kind: 'property', detail: (prop as JsonSchema).title as string | undefined,
      documentation: ((prop as JsonSchema).markdownDescription ?? (prop as JsonSchema).description) as string | undefined,
      insertText: flavour === 'json' ? `${ctx.inQuotes ? key : JSON.stringify(key)}: $1` : `${key}: $1`, snippet: true, replace,
    });
  }
  // In a file with nothing in it yet the whole-definition snippet comes first, with the project's named
  // credentials to choose from instead of a placeholder.
  const empty = ctx.path.length === 0 && present.size === 0;
  const credentials = [...(project?.namedCredentials.keys() ?? [])].filter((n) => /^[A-Za-z][A-Za-z0-9_]*$/.test(n)).sort();
  for (const snip of schema?.defaultSnippets ?? []) {
    let insertText = toSnippet(snip.body, flavour);
    if (credentials.length) insertText = insertText.replace(/\$\{(\d+):MyNamedCredential\}/, (_m, n: string) => `\${${n}|${credentials.join(',')}|}`);
    out.push({ label: snip.label, kind: 'snippet', detail: 'snippet', insertText, snippet: true, replace, sortText: empty ? `0${snip.label}` : `~${snip.label}` });
  }
  return out;
}

function presentKeys(def: CalloutDefinition, path: (string | number)[]): Set<string> {
  let node = def.root;
  for (const seg of path) {
    if (!node) break;
    if (typeof seg === 'number') node = node.type === 'array' ? node.items[seg] : undefined;
    else node = node.type === 'object' ? node.properties.find((p) => p.key === seg)?.value : undefined;
  }
  return new Set(node?.type === 'object' ? node.properties.map((p) => p.key) : []);
}

/** A defaultSnippets body as YAML/JSON snippet text (`^` marks raw values). */
function toSnippet(body: unknown, flavour: 'json' | 'yaml'): string {
  if (flavour === 'json') return JSON.stringify(body, null, 2).replace(/"\^([^"]*)"/g, '$1').replace(/^\{\n|\n\}$/g, '').replace(/^ {2}/gm, '');
  const lines: string[] = [];
  const emit = (v: unknown, indent: string) => {
    if (Array.isArray(v)) for (const item of v) {
      const sub: string[] = [];
      const inner = typeof item === 'object' && item ? Object.entries(item).map(([k, x]) => `${k}: ${scalar(x)}`) : [scalar(item)];
      sub.push(...inner);
      lines.push(`${indent}- ${sub[0]}`, ...sub.slice(1).map((s) => `${indent}  ${s}`));
    }
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
      if (x && typeof x === 'object') {
        lines.push(`${indent}${k}:`);
        emit(x, indent + '  ');
      } else lines.push(`${indent}${k}: ${scalar(x)}`);
    }
  };
  const scalar = (x: unknown) => (typeof x === 'string' ? x.replace(/^\^/, '') : typeof x === 'object' ? JSON.stringify(x) : String(x));
  emit(body, '');
  return lines.join('\n');
}
