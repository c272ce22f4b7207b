// Parsed flows cached by URI + text, so validation, completion and hover of the same version parse once.
// The model does not depend on the project; analyses (which do) are built fresh per request.
import { parseXml } from '../parse/xml';
import { buildFlowModel, type FlowModel } from './model';

const MAX_ENTRIES = 20;
const cache = new Map<string, FlowModel>();

export function parseFlowCached(uri: string, text: string): FlowModel {
  const hit = uri ? cache.get(uri) : undefined;
  if (hit && hit.text === text) return hit;
  const model = buildFlowModel(text, parseXml(text));
  if (uri) {
    cache.delete(uri);
    cache.set(uri, model);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  return model;
}
