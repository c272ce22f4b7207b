// The rule contract: one small file per rule with an id, a default severity, a one-line doc and the source
// of the Salesforce fact it checks; `check` reports problems with offsets.
import type { CalloutDefinition } from '../model/definition';
import type { FixData, Problem, Severity } from '../model/problem';
import type { SampleField, SampleShape } from '../model/samples';
import type { ProjectIndex } from '../project/index';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  doc: string;
  /** Where the Salesforce fact comes from (section of the reference). */
  source: string;
}

export interface CalloutRuleContext {
  def: CalloutDefinition;
  text: string;
  fields: SampleField[];
  /** The samples' lists and depths, from one walk shared by the rules that read them (computed on first use). */
  sampleShape(): SampleShape;
  project?: ProjectIndex;
  report(problem: { offset: number; length: number; message: string; severity?: Severity; fix?: FixData; tags?: Problem['tags'] }): void;
}

export interface CalloutRule extends RuleMeta {
  check(ctx: CalloutRuleContext): void;
}
