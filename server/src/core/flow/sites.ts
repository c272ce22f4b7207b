// Where a flow refers to something: reference elements (`<elementReference>`, `<assignToReference>`…),
// connector targets, and `{!…}` merge fields in formulas and text. One pass over the tree, in document
// order, each site with the exact offset of the reference text in the source.
import type { XmlElement } from '../parse/xml';
import type { FlowModel } from './model';

export type SiteKind = 'reference' | 'target' | 'merge';

export interface ReferenceSite {
  readonly kind: SiteKind;
  /** The reference as written: `Get_Account.Name`, `$Record.Email`. */
  readonly path: string;
  /** Source offset of `path`'s first character (follows the leaf when an edit before it shifts the tree). */
  readonly offset: number;
  /** The leaf element holding it. */
  readonly el: XmlElement;
}

/** A site keeps its place inside its leaf; its offset is read from the leaf, so a patched tree needs no copy. */
class Site implements ReferenceSite {
  constructor(readonly kind: SiteKind, readonly path: string, readonly el: XmlElement, private readonly within: number) {}
  get offset(): number {
    return this.el.textOffset + this.within;
  }
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
  return model.source.slice(el.textOffset, el.textOffset + el.textLength);
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
export function collectSites(model: FlowModel, textLeaves: XmlElement[] = [], limit = SITE_LIMIT): ReferenceSite[] {
  const out: ReferenceSite[] = [];
  forEachLeaf(model, (el) => {
    visitLeaf(model, el, out, textLeaves);
    return out.length < limit;
  });
  return out;
}

/** Above this many sites collection stops (a garbled or generated file must not cost unbounded work). */
export const SITE_LIMIT = 200_000;

/** What collectSites gathers from one non-empty leaf. */
export function visitLeaf(model: FlowModel, el: XmlElement, sites: ReferenceSite[], textLeaves: XmlElement[]): void {
  if (TEXT_TAGS.has(el.name)) textLeaves.push(el);
  if (el.name === 'targetReference' || REFERENCE_TAGS.has(el.name)) {
    const raw = rawText(model, el);
    if (PLAIN_REFERENCE.test(raw)) sites.push(new Site(el.name === 'targetReference' ? 'target' : 'reference', raw, el, 0));
  } else if (el.text.includes('{!')) {
    const raw = rawText(model, el);
    MERGE.lastIndex = 0;
    for (let m = MERGE.exec(raw); m; m = MERGE.exec(raw)) {
      const inner = m[1];
      const lead = inner.length - inner.trimStart().length;
      const path = inner.trim();
      if (PLAIN_REFERENCE.test(path)) sites.push(new Site('merge', path, el, m.index + 2 + lead));
    }
  }
}

/** Whether forEachLeaf visits leaves under `el`: it hangs below the root of a flow, outside SKIPPED subtrees. */
export function inFlowLogic(model: FlowModel, el: XmlElement): boolean {
  if (!model.root || !model.isFlow) return false;
  for (let cur: XmlElement | undefined = el; cur; cur = cur.parent) {
    if (cur === model.root) return cur !== el;
    if (SKIPPED.has(cur.name)) return false;
  }
  return false;
}

/** The non-empty leaves of `el`'s subtree that forEachLeaf would visit, in document order (`el` must be in flow logic). */
export function leavesUnder(el: XmlElement, fn: (leaf: XmlElement) => void): void {
  const stack = [el];
  while (stack.length) {
    const cur = stack.pop()!;
    if (SKIPPED.has(cur.name)) continue;
    if (cur.children.length) {
      for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]);
      continue;
    }
    if (cur.textLength) fn(cur);
  }
}
