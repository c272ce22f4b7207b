// Copies of a flow that are each their own text, for the 1,000-flow project (bench/manyflows.ts): a real org's
// flows do not share their texts, and identical copies would let the flow store share one parse between them.
import { buildFlowModel } from '../server/src/core/flow/model';
import type { XmlElement } from '../server/src/core/parse/xml';

const PLAIN_REFERENCE = /^\$?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_$]+)*$/;
const MERGE_FIELD = /\{!(\s*)([A-Za-z][A-Za-z0-9_]*)/g;

/**
 * Copy g of a flow, textually its own: the names the flow declares and uses only inside itself (elements,
 * resources other than input/output variables, screen fields, outcomes, wait events…) become <name>_c<g>,
 * with every reference to them — connectors and other `*Reference(s)` leaves, `{!name…}` merge fields — and
 * every non-empty `<label>` and the flow's `<description>` get the copy number (the flow's label also the pool
 * flow's name: the corpus holds two flows that differ only in their file name). Deterministic; a name that
 * would pass Salesforce's 80 characters or meet another name keeps its spelling. Copy 0 (a pool flow whose text
 * another pool flow already has) only gets its name in its label.
 */
export function copyFlowText(text: string, g: number, flowName: string): string {
  const model = buildFlowModel(text);
  if (!model.root || !model.isFlow) return text;
  const raw = (el: XmlElement) => text.slice(el.textOffset, el.textOffset + el.textLength);
  const renamed = new Map<string, string>();
  for (const [lower, n] of g ? model.names : []) {
    const r = model.resources.get(n.name);
    if (r && (r.isInput || r.isOutput)) continue;
    const to = `${n.name}_c${g}`;
    if (to.length > 80 || model.names.has(to.toLowerCase()) || raw(n.nameEl) !== n.name) continue;
    renamed.set(lower, to);
  }
  const edits: { at: number; end: number; text: string }[] = [];
  const rename = (el: XmlElement, within: number, name: string) => {
    const to = renamed.get(name.toLowerCase());
    if (to) edits.push({ at: el.textOffset + within, end: el.textOffset + within + name.length, text: to });
  };
  const declared = new Set<XmlElement>([...model.names.values()].map((n) => n.nameEl));
  const stack: XmlElement[] = [model.root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.children.length) {
      if (el.name !== 'description') for (const c of el.children) stack.push(c);
      continue;
    }
    if (!el.textLength) continue;
    const value = raw(el);
    const end = el.textOffset + el.textLength;
    if (el.name === 'label' && el.parent === model.root) edits.push({ at: end, end, text: g ? ` (copy ${g} of ${flowName})` : ` (${flowName})` });
    if (!g) continue;
    if (el.name === 'label' && el.parent !== model.root) edits.push({ at: end, end, text: ` ${g}` });
    if (el.name === 'description' && el.parent === model.root) edits.push({ at: end, end, text: ` (copy ${g})` });
    if (declared.has(el)) rename(el, 0, value);
    else if (/References?$/.test(el.name) && PLAIN_REFERENCE.test(value)) rename(el, 0, value.split('.')[0]);
    else if (value.includes('{!')) {
      MERGE_FIELD.lastIndex = 0;
      for (let m = MERGE_FIELD.exec(value); m; m = MERGE_FIELD.exec(value)) rename(el, m.index + 2 + m[1].length, m[2]);
    }
  }
  edits.sort((a, b) => a.at - b.at || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    parts.push(text.slice(at, e.at), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
