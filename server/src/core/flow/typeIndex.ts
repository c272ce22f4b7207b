// Apex-defined types the project's operations generate (`ExternalService__<Service>_<Type>`) → their shapes,
// so a variable declared with such an `apexClass` can be checked and completed field by field.
// An ApexTypeIndex is owned by whoever resolves references: the flow store's analysis states (shared by every
// analysis of the store, core/flow/carry.ts), an analysis made outside a store, or a callout definition's
// merge-field scope (model/references.ts). It keeps the index of the last project it was asked about and
// rebuilds it when a registration or callout definition object is replaced.
import type { ProjectView } from './projectView';
import { projectOperations, type OperationInfo } from './operations';
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
    return this.typesOf(project).get(apexClass.toLowerCase());
  }
}

function buildApexTypes(project: ProjectView): Map<string, ApexTypeEntry> {
  const map = new Map<string, ApexTypeEntry>();
  for (const op of projectOperations(project)) {
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
  return map;
}
