// An action element of a flow that makes an HTTP callout (FlowAnalysis.callouts).
import type { XmlElement } from '../parse/xml';
import type { FlowElement } from './model';
import type { ActionResolution } from './operations';

/** An action element that makes an HTTP callout. */
export interface CalloutAction {
  element: FlowElement;
  actionName: string;
  actionNameEl?: XmlElement;
  actionType: string;
  /** Resolution of `actionName` against the project (undefined without a project; never for Apex actions). */
  resolution?: ActionResolution;
  /** For an Apex action: what in its class makes the callout (`new HttpRequest() (line 12)`). */
  apexEvidence?: string;
}
