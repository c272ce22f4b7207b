// The index's maps (ProjectIndex): every change moves the index's version (ProjectView.version), also a change
// made from outside (a test's direct `set`), and each map answers case-insensitive lookups from a lower-case
// key map built on first use and dropped by its next change (flow/reach.ts flowNamed, apexClassNamed; resolve.ts).

/** A map whose keys may be looked up regardless of case (ProjectView's maps; a plain Map is scanned instead). */
export interface CaseInsensitiveLookup<V> {
  /** The value of `key`, else of the first key in iteration order equal to it regardless of case (toLowerCase). */
  findIgnoringCase(key: string): V | undefined;
}

/** `map`'s value for `key`, else for the first key equal to it regardless of case: the map's own index when it has one. */
export function findIgnoringCase<V>(map: ReadonlyMap<string, V> & Partial<CaseInsensitiveLookup<V>>, key: string): V | undefined {
  if (map.findIgnoringCase) return map.findIgnoringCase(key);
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const lower = key.toLowerCase();
  for (const [k, v] of map) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export class VersionedMap<K, V> extends Map<K, V> implements CaseInsensitiveLookup<V> {
  /**
   * Lower-case key → the first key of that spelling in iteration order; built on first use, kept through `set`
   * (a new key goes last in iteration order: it becomes the first of its spelling only when there was none; an
   * existing key keeps its place), dropped by a delete or clear. Rebuilding it after every set made lookups in a
   * map filled one entry at a time (the CLI reads flows one by one) quadratic.
   */
  private lowerKeys: Map<string, K> | undefined;

  constructor(private readonly changed: () => void) {
    super();
  }

  override set(key: K, value: V): this {
    this.changed();
    if (this.lowerKeys && !super.has(key)) {
      const lower = String(key).toLowerCase();
      if (!this.lowerKeys.has(lower)) this.lowerKeys.set(lower, key);
    }
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.changed();
    this.lowerKeys = undefined;
    return super.delete(key);
  }

  override clear(): void {
    this.changed();
    this.lowerKeys = undefined;
    super.clear();
  }

  findIgnoringCase(key: string): V | undefined {
    const hit = super.get(key as K);
    if (hit !== undefined) return hit;
    if (!this.lowerKeys) {
      this.lowerKeys = new Map();
      for (const k of super.keys()) {
        const lower = String(k).toLowerCase();
        if (!this.lowerKeys.has(lower)) this.lowerKeys.set(lower, k);
      }
    }
    const k = this.lowerKeys.get(key.toLowerCase());
    return k === undefined ? undefined : super.get(k);
  }
}
