// Every rule the CLI and docs know about, with id, default severity, doc and source.
import { coreRuleCatalog } from '../core/rules/catalog';
import type { RuleMeta } from '../core/rules/types';

const extra: RuleMeta[] = [];

/** Lets other rule families (flow lint) add their rules to the catalog. */
export function registerRuleMeta(rules: RuleMeta[]): void {
  extra.push(...rules);
}

export function ruleCatalog(): RuleMeta[] {
  return [...coreRuleCatalog(), ...extra];
}
