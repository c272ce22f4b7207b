// What a rule computes from one leaf's text alone (the hard-coded URL and Id scans), remembered per leaf
// element across versions of a flow: a keystroke re-scans the leaf it edited, not the whole flow.
//
// Valid because an element's source text never changes while the element lives, with one exception the
// store reports: a patch inside a leaf's text re-reads that leaf in place (flow/incremental.ts `retext`,
// `XmlEdit.leaf`), and the flow store forgets the leaf here (flow/store.ts). Every other patch only shifts
// offsets (so a memo holds offsets relative to the leaf's text) or makes new elements; a full parse makes
// new elements. Owned by the store's AnalysisStates (flow/carry.ts); an analysis outside a store has its own.
import type { XmlElement } from '../parse/xml';

export class LeafMemos {
  private readonly byScan = new Map<string, WeakMap<XmlElement, unknown>>();

  /** `compute()` (never undefined) for `leaf` under the scan name `scan` (a rule id): computed once per leaf text. */
  get<T extends object>(scan: string, leaf: XmlElement, compute: () => T): T {
    let memo = this.byScan.get(scan);
    if (!memo) this.byScan.set(scan, (memo = new WeakMap()));
    const hit = memo.get(leaf);
    if (hit !== undefined) return hit as T;
    const value = compute();
    memo.set(leaf, value);
    return value;
  }

  /** `leaf`'s text changed in place: every scan reads it again. */
  forget(leaf: XmlElement): void {
    for (const memo of this.byScan.values()) memo.delete(leaf);
  }
}
