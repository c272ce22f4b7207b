// The reference or action name under the cursor, for hover and go to definition.
import { elementAt } from '../parse/xml';
import type { FlowAnalysis } from './analysis';
import type { CalloutAction } from './calloutAction';
import type { OperationInfo } from './operations';
import type { PathResolution } from './resolve';
import type { ReferenceSite } from './sites';

export type Located =
  | { kind: 'reference'; site: ReferenceSite; segment: number; offset: number; length: number; path: string; resolution: PathResolution }
  | { kind: 'action'; op?: OperationInfo; actionName: string; offset: number; length: number }
  /** An action output's `<outputParameters><name>`: the action (a callout, when it is one) and the name. */
  | { kind: 'output'; callout?: CalloutAction; actionName?: string; name: string; offset: number; length: number };

export function locate(analysis: FlowAnalysis, offset: number): Located | undefined {
  const site = siteAt(analysis.sites, offset);
  if (site) {
    const parts = site.path.split('.');
    let start = site.offset;
    let segment = 0;
    while (segment < parts.length - 1 && offset > start + parts[segment].length) {
      start += parts[segment].length + 1;
      segment++;
    }
    const path = parts.slice(0, segment + 1).join('.');
    return { kind: 'reference', site, segment, offset: start, length: parts[segment].length, path, resolution: analysis.resolve({ path, kind: site.kind }) };
  }
  const el = elementAt(analysis.model.root, offset);
  if (el?.name === 'actionName' && el.parent?.name === 'actionCalls' && offset >= el.textOffset && offset <= el.textOffset + el.textLength) {
    const c = analysis.allCallouts.find((x) => x.actionNameEl === el);
    const op = c?.resolution?.status === 'ok' ? c.resolution.op : undefined;
    return { kind: 'action', op, actionName: el.text, offset: el.textOffset, length: el.textLength };
  }
  const action = el?.parent?.parent;
  if (el?.name === 'name' && el.parent?.name === 'outputParameters' && action?.name === 'actionCalls' && el.text && offset >= el.textOffset && offset <= el.textOffset + el.textLength) {
    const callout = analysis.allCallouts.find((x) => x.element.el === action);
    const actionName = action.children.find((c) => c.name === 'actionName')?.text;
    return { kind: 'output', callout, actionName, name: el.text, offset: el.textOffset, length: el.textLength };
  }
  return undefined;
}

function siteAt(sites: ReferenceSite[], offset: number): ReferenceSite | undefined {
  let lo = 0;
  let hi = sites.length - 1;
  let best: ReferenceSite | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid].offset <= offset) {
      best = sites[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best && offset <= best.offset + best.path.length ? best : undefined;
}
