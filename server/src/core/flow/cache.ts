// Parsed flows cached by key (URI or path) + text, so validation, completion, hover and the project index
// parse each version of a flow once. An edit patches the previous tree instead of re-parsing when it can
// (flow/incremental.ts). The model does not depend on the project; analyses (which do) share per model and
// project state what they compute, and start from the previous version's (flow/carry.ts).
import { parseXml } from '../parse/xml';
import { keepsModel, recordDerivation } from './carry';
import { patchXml, type PatchedXml } from './incremental';
import { buildFlowModel, type FlowModel } from './model';
import { SourceText } from './source';

const MAX_ENTRIES = 8;
const cache = new Map<string, FlowModel>();

/**
 * The editor's change from the text it replaced: [start, end) of `previous` became `text`. With it the cache
 * patches the previous tree without comparing the texts, and reads the new one slice by slice (source.ts), so
 * a keystroke never joins the whole document into one string.
 */
export interface FlowTextChange {
  previous: string;
  start: number;
  end: number;
  text: string;
}

export function parseFlowCached(key: string, text: string, change?: FlowTextChange): FlowModel {
  const hit = key ? cache.get(key) : undefined;
  // The editor's change of the cached text: patch from it. (Checked first: comparing the new text with
  // the cached ones would make V8 join it into one string when the lengths happen to be equal.)
  const fromChange = !!(hit && change && hit.text === change.previous && hit.text.length - (change.end - change.start) + change.text.length === text.length);
  if (!fromChange) {
    if (hit && hit.text === text) return touch(key, hit);
    // The same text under another key (the index and the editor see the same document).
    for (const [k, m] of cache) if (m.text === text) return key ? store(key, m) : m;
  }
  const previous = hit;
  let patched: PatchedXml | undefined;
  let source: SourceText | undefined;
  if (previous && change && fromChange) {
    source = previous.source.edit(change.start, change.end, change.text);
    patched = patchXml(previous.source, source, previous.xml, { start: change.start, oldEnd: change.end, newEnd: change.start + change.text.length });
  } else if (previous) {
    patched = patchXml(previous.text, text, previous.xml);
  }
  let model: FlowModel;
  if (previous && patched) {
    // The previous tree now describes `text`: forget every entry that still claims the old text.
    for (const [k, m] of [...cache]) if (m.xml === previous.xml) cache.delete(k);
    const xml = { root: patched.root, syntaxErrors: patched.syntaxErrors };
    source ??= SourceText.of(text);
    // An edit no model reads (a label, a value, whitespace): the model's maps still describe the tree.
    const same = keepsModel(patched.edit);
    model = same ? { ...previous, text, source, xml } : buildFlowModel(text, xml, source);
    recordDerivation(previous, model, patched.edit, same);
  } else {
    model = buildFlowModel(text, parseXml(text));
    if (previous) recordDerivation(previous, model, undefined, false);
  }
  return key ? store(key, model) : model;
}

/** Drops the parse cached under `key` (a closed document). */
export function forgetFlow(key: string): void {
  cache.delete(key);
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
