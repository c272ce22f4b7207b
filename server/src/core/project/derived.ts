// Values derived from a project index's own entries (a callout summary's or a registration's operations:
// core/flow/operations.ts), kept beside the index: owned by the object that owns the input, so two indexes —
// two language services, a CLI and a test — share nothing. Weakly held: a replaced entry's values go with it.
export class DerivedMemo {
  private readonly slots = new Map<string, WeakMap<object, unknown>>();

  /** The value `make` derives from `key` in `slot`, made once per key (entries are replaced, never changed). */
  get<K extends object, V>(slot: string, key: K, make: (key: K) => V): V {
    let values = this.slots.get(slot);
    if (!values) this.slots.set(slot, (values = new WeakMap()));
    if (values.has(key)) return values.get(key) as V;
    const value = make(key);
    values.set(key, value);
    return value;
  }

  private readonly byGeneration = new Map<string, { generation: number; value: unknown }>();

  /**
   * The value `make` gives in `slot` while the index's generation (its callouts, registrations, Apex classes,
   * fields and settings: ProjectView.generation) stays `generation`; made again once it moved. For what depends on
   * those entries only, not on the flows (reading a flow leaves it: a CLI run reads flows all along).
   */
  atGeneration<V>(slot: string, generation: number, make: () => V): V {
    const hit = this.byGeneration.get(slot);
    if (hit && hit.generation === generation) return hit.value as V;
    const value = make();
    this.byGeneration.set(slot, { generation, value });
    return value;
  }
}
