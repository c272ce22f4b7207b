// Apex-defined types the project's operations generate (`ExternalService__<Service>_<Type>`) → their shapes,
// so a variable declared with such an `apexClass` can be checked and completed field by field.
// Cached per project; rebuilt when a registration or callout definition object is replaced.
import type { ProjectView } from './projectView';
import { projectOperations, type OperationInfo } from './operations';
import type { TypeShape } from './shapes';

export interface ApexTypeEntry {
  apexClass: string;
  shape: TypeShape;
  op: OperationInfo;
}

const cache = new WeakMap<ProjectView, { sig: object[]; map: Map<string, ApexTypeEntry> }>();

export function apexTypes(project: ProjectView): Map<string, ApexTypeEntry> {
  const sig: object[] = [...project.callouts.values(), ...project.esrs.values()];
  const hit = cache.get(project);
  if (hit && hit.sig.length === sig.length && hit.sig.every((o, i) => o === sig[i])) return hit.map;
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
  cache.set(project, { sig, map });
  return map;
}

export function findApexType(project: ProjectView | undefined, apexClass: string | undefined): ApexTypeEntry | undefined {
  if (!project || !apexClass) return undefined;
  return apexTypes(project).get(apexClass.toLowerCase());
}
