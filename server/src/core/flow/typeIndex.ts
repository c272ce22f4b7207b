// Apex-defined types the project's operations generate (`ExternalService__<Service>_<Type>`) → their shapes,
// so a variable declared with such an `apexClass` can be checked and completed field by field.
// An ApexTypeIndex is owned by whoever resolves references: the flow store's analysis states (shared by every
// analysis of the store, core/flow/carry.ts), an analysis made outside a store, or a callout definition's
// merge-field scope (model/references.ts). It keeps the index of the last project it was asked about and
// rebuilds it when a registration or callout definition object is replaced.
import type { ProjectView } from './projectView';
import { namedOperations, projectOperations, type OperationInfo } from './operations';
import { flowApexClass } from '../model/naming';
import type { TypeShape } from './shapes';

export interface ApexTypeEntry {
  apexClass: string;
  shape: TypeShape;
  op: OperationInfo;
}

export class ApexTypeIndex {
  private built?: { project: ProjectView; sig: object[]; map: Map<string, ApexTypeEntry> };

  /** Every generated Apex type of `project`, by lower-cased class name. */
  typesOf(project: ProjectView): Map<string, ApexTypeEntry> {
    const sig: object[] = [...project.callouts.values(), ...project.esrs.values()];
    const hit = this.built;
    if (hit && hit.project === project && hit.sig.length === sig.length && hit.sig.every((o, i) => o === sig[i])) return hit.map;
    const map = buildApexTypes(project);
    this.built = { project, sig, map };
    return map;
  }

  find(project: ProjectView | undefined, apexClass: string | undefined): ApexTypeEntry | undefined {
    if (!project || !apexClass) return undefined;
    const lower = apexClass.toLowerCase();
    // Definitions parsed lazily (project/definitions.ts): only those whose name can make this class are read,
    // once per class while the project's version stays (every flow of a run declaring it asks again).
    if (project.callouts.settled === false && project.callouts.holdersIgnoringCase) {
      let named = this.named;
      if (!named || named.project !== project || named.version !== project.version) this.named = named = { project, version: project.version, byClass: new Map() };
      let hit = named.byClass.get(lower);
      if (hit === undefined) named.byClass.set(lower, (hit = this.findAmongNamed(project, lower) ?? null));
      return hit ?? undefined;
    }
    return this.typesOf(project).get(lower);
  }

  /** findAmongNamed's answers by lower-cased class, for one project version. */
  private named?: { project: ProjectView; version: number; byClass: Map<string, ApexTypeEntry | null> };

  /** Each operation's generated types, in the order buildApexTypes meets them (ops are kept by ProjectView.derived). */
  private readonly opTypes = new WeakMap<OperationInfo, Map<string, ApexTypeEntry>>();

  /**
   * What typesOf(project).get(lower) gives, from the operations of the services whose name can make the class:
   * `ExternalService__<Service>_<Type>` (model/naming.ts flowApexClass), so the service's name in lower case is
   * the text between `externalservice__` and one of the next underscores. Operations in projectOperations'
   * order, the first one making the class wins, as in buildApexTypes.
   */
  private findAmongNamed(project: ProjectView, lower: string): ApexTypeEntry | undefined {
    const prefix = flowApexClass('', '').toLowerCase().slice(0, -1);
    if (!lower.startsWith(prefix)) return undefined;
    const rest = lower.slice(prefix.length);
    const services = new Set<string>();
    for (let i = 1; i < rest.length; i++) if (rest[i] === '_') services.add(rest.slice(0, i));
    if (!services.size) return undefined;
    const probe = rest.slice(0, rest.indexOf('_', 1));
    const ops = namedOperations(project, project.callouts.holdersIgnoringCase!(services, probe), services);
    for (const op of ops) {
      let types = this.opTypes.get(op);
      if (!types) {
        types = new Map();
        addTypes(op, types);
        this.opTypes.set(op, types);
      }
      const hit = types.get(lower);
      if (hit) return hit;
    }
    return undefined;
  }
}

function buildApexTypes(project: ProjectView): Map<string, ApexTypeEntry> {
  const map = new Map<string, ApexTypeEntry>();
  for (const op of projectOperations(project)) addTypes(op, map);
  return map;
}

/** The types `op` generates, into `map` (a class already there keeps its first entry). */
function addTypes(op: OperationInfo, map: Map<string, ApexTypeEntry>): void {
  const seen = new Set<TypeShape>();
  const visit = (t: TypeShape | undefined) => {
    if (!t || seen.has(t) || seen.size > 5000) return;
    seen.add(t);
    if (t.kind === 'list') return visit(t.item);
    if (t.kind !== 'object') return;
    if (t.typeName && t.exactName !== false) {
      const apexClass = op.apexClass(t.typeName);
      if (!map.has(apexClass.toLowerCase())) map.set(apexClass.toLowerCase(), { apexClass, shape: t, op });
    }
    for (const f of t.fields?.values() ?? []) visit(f);
  };
  for (const i of op.inputs) visit(i.shape);
  for (const o of op.outputs) visit(o.shape);
}
