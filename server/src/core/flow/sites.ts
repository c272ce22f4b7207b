// Where a flow refers to something: reference elements (`<elementReference>`, `<assignToReference>`…),
// connector targets, and `{!…}` merge fields in formulas and text. One pass over the tree, in document
// order, each site with the exact offset of the reference text in the source.
import type { XmlElement } from '../parse/xml';
import type { FlowModel } from './model';

export type SiteKind = 'reference' | 'target' | 'merge';

export interface ReferenceSite {
  kind: SiteKind;
  /** The reference as written: `Get_Account.Name`, `$Record.Email`. */
  path: string;
  /** Source offset of `path`'s first character. */
  offset: number;
  /** The leaf element holding it. */
  el: XmlElement;
}

/** Leaves whose whole text is a reference to a resource, element or global. */
export const REFERENCE_TAGS = new Set([
  'elementReference', 'assignToReference', 'leftValueReference', 'collectionReference', 'inputReference',
  'outputReference', 'assignNextValueToReference', 'defaultSelectedChoiceReference', 'choiceReferences', 'stageReference',
]);
/** Subtrees that are not flow logic (builder metadata, prose). */
const SKIPPED = new Set(['processMetadataValues', 'description']);
const MERGE = /\{!([^{}]*)\}/g;
const PLAIN_REFERENCE = /^\$?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_$]+)*$/;

/** The source text of a leaf (entities not decoded, so offsets inside it are source offsets). */
export function rawText(model: FlowModel, el: XmlElement): string {
  return model.text.slice(el.textOffset, el.textOffset + el.textLength);
}

/** Calls `fn` with every non-empty leaf of the flow's logic, in document order; `false` stops the walk. */
export function forEachLeaf(model: FlowModel, fn: (el: XmlElement) => boolean | void): void {
  const root = model.root;
  if (!root || !model.isFlow) return;
  const stack: XmlElement[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  while (stack.length) {
    const el = stack.pop()!;
    if (SKIPPED.has(el.name)) continue;
    if (el.children.length) {
      for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
      continue;
    }
    if (el.textLength && fn(el) === false) return;
  }
}

/** Leaves holding literal values or text people read (what the hard-coded URL/Id rules scan). */
export const TEXT_TAGS = new Set(['stringValue', 'expression', 'formulaExpression', 'fieldText', 'text', 'helpText', 'errorMessage', 'label', 'interviewLabel']);

/** Reference sites, and the TEXT_TAGS leaves met on the way (one walk over the tree serves both). */
export function collectSites(model: FlowModel, textLeaves: XmlElement[] = [], limit = 200_000): ReferenceSite[] {
  const out: ReferenceSite[] = [];
  forEachLeaf(model, (el) => {
    if (TEXT_TAGS.has(el.name)) textLeaves.push(el);
    if (el.name === 'targetReference' || REFERENCE_TAGS.has(el.name)) {
      const raw = rawText(model, el);
      if (PLAIN_REFERENCE.test(raw)) out.push({ kind: el.name === 'targetReference' ? 'target' : 'reference', path: raw, offset: el.textOffset, el });
    } else if (el.text.includes('{!')) {
      const raw = rawText(model, el);
      MERGE.lastIndex = 0;
      for (let m = MERGE.exec(raw); m; m = MERGE.exec(raw)) {
        const inner = m[1];
        const lead = inner.length - inner.trimStart().length;
        const path = inner.trim();
        if (PLAIN_REFERENCE.test(path)) out.push({ kind: 'merge', path, offset: el.textOffset + m.index + 2 + lead, el });
      }
    }
    return out.length < limit;
  });
  return out;
}
