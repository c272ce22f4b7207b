// What a followed redirect means for the flow. Salesforce's HTTP callouts are reported not to follow 3xx
// redirects (docs/salesforce-facts.md "Callout outcome and limits", Redirects: secondary sources only), so a
// test send follows them to show the final answer but says the org would likely see the redirect itself, and
// what the one outcome model says the flow does with that status.
import type { CalloutDefinition } from '../model/definition';
import { outcomeOf } from '../model/outcome';
import type { Finding, Redirect } from './result';

export function redirectFinding(def: CalloutDefinition, redirects: readonly Redirect[]): Finding | undefined {
  if (!redirects.length) return undefined;
  const first = redirects[0];
  const outcome = outcomeOf({ kind: 'status', status: first.status }, def.responses().map((r) => r.key));
  const hops = redirects.length === 1 ? 'a redirect' : `${redirects.length} redirects`;
  return {
    severity: 'warning', code: 'redirect-followed',
    message: `This test followed ${hops} (${first.status} → ${redirects[redirects.length - 1].to}). Salesforce callouts are reported not to follow redirects, so in the org the flow would likely get the ${first.status} itself. ${outcome.reason} Point the named credential's URL or the path at the final address.`,
  };
}
