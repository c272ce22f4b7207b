// The flow rule contract, like the callout rules': one small file per rule with an id, a default severity,
// a one-line doc and the source of the Salesforce fact; `check` reads the shared analysis and reports
// problems with offsets.
import type { FlowAnalysis } from '../../flow/analysis';
import type { FixData, Problem, RelatedInfo, Severity } from '../../model/problem';
import type { RuleMeta } from '../types';

export interface FlowRuleContext {
  analysis: FlowAnalysis;
  report(problem: { offset: number; length: number; message: string; severity?: Severity; fix?: FixData; tags?: Problem['tags']; related?: RelatedInfo[] }): void;
}

export interface FlowRule extends RuleMeta {
  check(ctx: FlowRuleContext): void;
}
