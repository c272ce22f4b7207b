// Parsed flows cached by key (URI or path) + text, so validation, completion, hover and the project index
// parse each version of a flow once. A keystroke inside one value or in whitespace patches the previous
// tree instead of re-parsing (flow/incremental.ts). The model does not depend on the project; analyses
// (which do) are built fresh per request.
import { parseXml } from '../parse/xml';
import { patchXml } from './incremental';
import { buildFlowModel, type FlowModel } from './model';

const MAX_ENTRIES = 8;
const cache = new Map<string, FlowModel>();

export function parseFlowCached(key: string, text: string): FlowModel {
  const hit = key ? cache.get(key) : undefined;
  if (hit && hit.text === text) return touch(key, hit);
  // The same text under another key (the index and the editor see the same document).
  for (const [k, m] of cache) if (m.text === text) return key ? store(key, m) : m;
  const previous = hit ?? undefined;
  const patched = previous ? patchXml(previous.text, text, previous.xml) : undefined;
  if (patched) {
    // The previous tree now describes `text`: forget every entry that still claims the old text.
    for (const [k, m] of [...cache]) if (m.xml === previous!.xml) cache.delete(k);
  }
  const model = buildFlowModel(text, patched ?? parseXml(text));
  return key ? store(key, model) : model;
}

function touch(key: string, model: FlowModel): FlowModel {
  cache.delete(key);
  cache.set(key, model);
  return model;
}

function store(key: string, model: FlowModel): FlowModel {
  touch(key, model);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return model;
}
