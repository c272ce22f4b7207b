// The one rule runner. Callout-definition rules and flow rules both run through runRules: each rule is guarded,
// so a rule that throws costs its own findings only (the other rules still run), and every internal failure —
// one rule's, or a whole file's — is reported the same way, by internalProblem: one warning, code `internal`,
// naming the rule and saying it is a bug to report.
import type { Problem, RuleSeverities } from '../model/problem';
import type { RuleMeta } from './types';

/** What a rule reports: its code and default severity are filled in by the runner. */
export type RuleReport = Omit<Problem, 'code' | 'severity'> & { severity?: Problem['severity'] };

export interface Rule<Context> extends RuleMeta {
  check(ctx: Context): void;
}

export interface RunOptions {
  /** The user's severities (`.flowcallout.json`, settings): a rule set to `off` is not run. */
  severities?: RuleSeverities;
  /** Checked between rules; the run stops early when it returns true. */
  isCancelled?: () => boolean;
}

/**
 * Runs `rules` in order, each with the context `contextFor` makes around its `report`, and appends what they
 * report to `problems` (severities are applied by the caller, after de-duplication).
 */
export function runRules<Context>(rules: readonly Rule<Context>[], contextFor: (report: (p: RuleReport) => void) => Context, problems: Problem[], options: RunOptions = {}): void {
  for (const rule of rules) {
    if (options.isCancelled?.()) break;
    if (options.severities?.[rule.id] === 'off') continue;
    const ctx = contextFor((p) => problems.push({ ...p, code: rule.id, severity: p.severity ?? rule.defaultSeverity }));
    try {
      rule.check(ctx);
    } catch (e) {
      problems.push(internalProblem(e, rule.id));
    }
  }
}

/** The code of every internal failure. */
export const INTERNAL_CODE = 'internal';

/**
 * An internal failure as the user sees it: at the start of the file, a warning naming the rule (or the whole
 * check) and the error, saying it is a bug of Flow Callout Studio to report — not a problem in the file.
 */
export function internalProblem(error: unknown, ruleId?: string, where?: string): Problem {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 160);
  const what = ruleId
    ? `rule ${ruleId} failed on this file (${reason}); its findings are missing here, the other rules ran`
    : `this file could not be checked (${reason})`;
  const hide = ruleId ? ` Until it is fixed, "${ruleId}": "off" in .flowcallout.json "rules" hides it.` : '';
  return {
    offset: 0, length: 1, code: INTERNAL_CODE, severity: 'warning',
    message: `Internal error in Flow Callout Studio: ${what}. This is a bug, not a problem in the file: please report it with the file attached${where ? ` (${where})` : ''}.${hide}`,
  };
}
