// Standard Flow actions that make HTTP callouts: the one table every callout rule reads (through
// flow/analysis.ts `callouts`). Salesforce Help "Troubleshooting Flow Retries" (reference C7) answers "Is it a
// callout?" per action: Send Email and Post to Chatter are not, Send Slack Message is. Only the actions that
// page marks as callouts are listed; an action missing here is not assumed to call out. Managed-package
// actions whose code is not in the project are declared by the project in `.flowcallout.json`
// `calloutActions` (project/settings.ts).

export interface StandardCalloutAction {
  /** What Flow Builder calls it. */
  label: string;
  /** Where the fact comes from. */
  source: string;
}

const RETRIES = 'Help "Troubleshooting Flow Retries" (platform.automate_flow_troubleshoot_retries.htm): "Send Slack Message Action — Is it a Callout? Yes" (reference C7)';

/**
 * By the action's `<actionType>` in the flow XML. `slackPostMessage` is the API name of "Send Slack Message"
 * (Actions Developer Guide, Slack Actions: /actions/standard/slackPostMessage).
 */
const BY_ACTION_TYPE: ReadonlyMap<string, StandardCalloutAction> = new Map([
  ['slackPostMessage', { label: 'Send Slack Message', source: RETRIES }],
]);

/** The standard action an action call is, when Salesforce documents it as a callout. */
export function standardCalloutAction(actionType: string): StandardCalloutAction | undefined {
  return BY_ACTION_TYPE.get(actionType);
}
