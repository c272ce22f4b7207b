// The flow store owns the pipeline's state: two language services never share it, a CLI run parses each
// flow once, a superseded model is refused, the incremental machinery can be switched off, and a model leaf
// nobody listed in MODEL_LEAVES is caught mechanically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fsModule from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import { validateFiles } from '../../../server/src/cli/validate';
import { keepsModel, MODEL_LEAVES } from '../../../server/src/core/flow/carry';
import { patchXml } from '../../../server/src/core/flow/incremental';
import { buildFlowModel, type FlowModel } from '../../../server/src/core/flow/model';
import { FlowStore } from '../../../server/src/core/flow/store';
import { SupersededModelError } from '../../../server/src/core/flow/superseded';
import { parseXml, type XmlElement } from '../../../server/src/core/parse/xml';
import { getLanguageService } from '../../../server/src/core/service';
import { nodeFs } from '../../../server/src/core/project/fs';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { corpusRoot, examplesRoot } from '../helpers';
import { corpus } from './corpusCases';
import { testProject } from './helpers';

const scanner = path.join(corpusRoot, 'Flow-Scanner__lightning-flow-scanner');
const flowFile = path.join(corpusRoot, 'SFDC-Assets__SF-ExternalServiceFromFlow');

function firstFlow(dir: string): string {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.flow-meta.xml')) return p;
    }
  }
  throw new Error(`no flow under ${dir}`);
}

test('a CLI validate run parses each flow once (index summary and validation share the parse)', async () => {
  const { results, flowParses } = await validateFiles([scanner]);
  const flows = results.filter((r) => r.file.endsWith('.flow-meta.xml'));
  assert.ok(flows.length >= 40, `${flows.length} flows`);
  // At most once per file; two files with the same text share one parse while both models are kept (a flow's
  // model is dropped once it is validated, so a later copy may be parsed again).
  const distinct = new Set(flows.map((r) => fs.readFileSync(r.file, 'utf8'))).size;
  assert.ok(distinct < flows.length, 'the project has copies');
  assert.ok(flowParses >= distinct && flowParses <= flows.length, `${flowParses} parses for ${flows.length} flows (${distinct} distinct texts)`);
});

test('two language services in one process do not see each other\'s flows', async () => {
  const project = await testProject();
  const file = firstFlow(flowFile);
  const text = fs.readFileSync(file, 'utf8');
  const a = getLanguageService({ project: () => project });
  const b = getLanguageService({ project: () => project });
  const doc = { uri: 'file:///same/uri.flow-meta.xml', fileName: 'uri.flow-meta.xml', text };
  const expected = a.validate(doc);
  assert.equal(a.flowStore.counts.parses, 1);
  // B parses the same text itself: nothing of A's is visible to it.
  assert.deepEqual(b.validate(doc), expected);
  assert.equal(b.flowStore.counts.parses, 1);
  // A's editor types into the document; B's copy of the same URI is untouched.
  const at = text.indexOf('</label>');
  const typed = text.slice(0, at) + 'X' + text.slice(at);
  a.didChange(doc.uri, doc.fileName, typed, { previous: text, start: at, end: at, text: 'X' });
  assert.equal(a.flowStore.counts.patches, 1);
  assert.deepEqual(b.validate(doc), expected);
  assert.equal(b.flowStore.counts.parses + b.flowStore.counts.patches, 1, 'B neither re-parsed nor patched');
  assert.deepEqual(a.validate({ ...doc, text: typed }), getLanguageService({ project: () => project }).validate({ ...doc, text: typed }));
});

test('a model superseded by a patch is refused, not read with the new offsets', () => {
  const store = new FlowStore({ incremental: true });
  const text = fs.readFileSync(firstFlow(flowFile), 'utf8');
  const old = store.parse('k', text);
  store.analysis(text, undefined, old).sites;
  const at = text.indexOf('</label>');
  const next = store.parse('k', text.slice(0, at) + 'X' + text.slice(at));
  assert.notEqual(next, old);
  assert.throws(() => store.analysis(text, undefined, old), SupersededModelError);
  assert.doesNotThrow(() => store.analysis(next.text, undefined, next).sites);
});

test('FLOW_CALLOUT_NO_INCREMENTAL=1 turns patching off: every version is parsed, no model is superseded', () => {
  const saved = process.env.FLOW_CALLOUT_NO_INCREMENTAL;
  process.env.FLOW_CALLOUT_NO_INCREMENTAL = '1';
  let store: FlowStore;
  try {
    store = new FlowStore();
  } finally {
    if (saved === undefined) delete process.env.FLOW_CALLOUT_NO_INCREMENTAL;
    else process.env.FLOW_CALLOUT_NO_INCREMENTAL = saved;
  }
  assert.equal(store.incremental, false);
  const text = fs.readFileSync(firstFlow(flowFile), 'utf8');
  const old = store.parse('k', text);
  const at = text.indexOf('</label>');
  const next = store.parse('k', text.slice(0, at) + 'X' + text.slice(at), { previous: text, start: at, end: at, text: 'X' });
  assert.deepEqual(store.counts, { parses: 2, patches: 0 });
  assert.notEqual(next.xml.root, old.xml.root);
  assert.doesNotThrow(() => store.analysis(text, undefined, old).sites);
  assert.equal(new FlowStore().incremental, true);
});

/** What a model says, without offsets or tree objects: equal for two models that describe the flow alike. */
function fingerprint(model: FlowModel): string {
  return JSON.stringify(model, (key, value: unknown) => {
    if (['text', 'source', 'xml', 'root', 'el', 'nameEl', 'superseded'].includes(key) || /offset|length/i.test(key)) return undefined;
    if (value instanceof Map) return [...value.entries()];
    if (value && typeof value === 'object' && 'children' in (value as object) && 'offset' in (value as object)) return (value as XmlElement).name;
    return value;
  });
}

test('MODEL_LEAVES is complete: changing any other leaf of any corpus flow leaves a fresh model unchanged', async () => {
  // Mechanical: for every leaf name in the corpus, retype its first occurrence in each flow. When the patch
  // says the model is kept (keepsModel), a model built from scratch must say exactly what the old one said.
  // A leaf the model reads but MODEL_LEAVES forgets fails here, naming the leaf and the flow.
  let checked = 0;
  for (const f of await corpus()) {
    const xml = parseXml(f.text);
    if (!xml.root || xml.syntaxErrors.length) continue;
    const before = fingerprint(buildFlowModel(f.text, xml));
    const seen = new Set<string>();
    const leaves: XmlElement[] = [];
    const stack = [xml.root];
    while (stack.length) {
      const el = stack.pop()!;
      if (!el.children.length && el.textLength && !seen.has(el.name)) {
        seen.add(el.name);
        leaves.push(el);
      }
      stack.push(...el.children);
    }
    for (const leaf of leaves) {
      const at = leaf.textOffset + leaf.textLength;
      const edited = f.text.slice(0, at) + 'Zq' + f.text.slice(at);
      const patched = patchXml(f.text, edited, parseXml(f.text));
      if (!patched || !keepsModel(patched.edit)) continue;
      checked++;
      assert.equal(fingerprint(buildFlowModel(edited)), before, `<${leaf.name}> changes the model of ${path.basename(f.file)} but is not in MODEL_LEAVES`);
    }
  }
  assert.ok(checked > 500, `${checked} leaf edits checked`);
  assert.ok(MODEL_LEAVES.has('name'));
});

test('a CLI validate run opens each flow file once (the index\'s read is the one validation uses)', async () => {
  const opens = new Map<string, number>();
  const count = (file: unknown) => {
    if (typeof file === 'string' && file.endsWith('.flow-meta.xml')) opens.set(file, (opens.get(file) ?? 0) + 1);
  };
  const { readFile, open } = fs.promises;
  // The CLI reads synchronously (cli/validateShare.ts): patched on the module object, then its ES bindings.
  const { openSync, readFileSync } = fsModule;
  fsModule.openSync = ((file: unknown, ...rest: unknown[]) => {
    count(file);
    return (openSync as (...a: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync;
  fsModule.readFileSync = ((file: unknown, ...rest: unknown[]) => {
    count(file);
    return (readFileSync as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  syncBuiltinESMExports();
  fs.promises.readFile = ((file: unknown, ...rest: unknown[]) => {
    count(file);
    return (readFile as (...a: unknown[]) => Promise<unknown>)(file, ...rest);
  }) as typeof fs.promises.readFile;
  fs.promises.open = ((file: unknown, ...rest: unknown[]) => {
    count(file);
    return (open as (...a: unknown[]) => Promise<unknown>)(file, ...rest);
  }) as typeof fs.promises.open;
  try {
    const { results } = await validateFiles([scanner], undefined, { workers: 1 });
    const flows = results.filter((r) => r.file.endsWith('.flow-meta.xml'));
    assert.ok(flows.length >= 40);
    for (const r of flows) assert.equal(opens.get(r.file), 1, r.file);
  } finally {
    Object.assign(fs.promises, { readFile, open });
    Object.assign(fsModule, { openSync, readFileSync });
    syncBuiltinESMExports();
  }
});

test('the project index and validation share a callout definition\'s parse (the CLI passes parseCalloutFile)', async () => {
  let index: ProjectIndex | undefined;
  const service = getLanguageService({ project: () => index });
  index = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow: service.summarizeFlow, parseCallout: service.parseCalloutFile });
  assert.ok(index.callouts.size >= 3);
  for (const c of index.callouts.values()) {
    const text = fs.readFileSync(c.file, 'utf8');
    assert.equal(service.parseCallout({ uri: c.file, fileName: c.file, text }).tree.root, c.definition!.root, c.file);
  }
});

test('a model the store no longer holds under any key takes what was kept for it along (forget, retain, eviction)', () => {
  const text = fs.readFileSync(firstFlow(flowFile), 'utf8');
  const store = new FlowStore({ capacity: 2 });
  const model = store.parse('a', text);
  const graph = store.states.graphOf(model);
  // The same text under another key shares the model: forgetting one key keeps what is kept for it.
  assert.equal(store.parse('b', text), model);
  store.forget('a');
  assert.equal(store.states.graphOf(model), graph);
  store.retain((key) => key !== 'b');
  // Held by no key: its graph and summary are made again when asked for.
  assert.notEqual(store.states.graphOf(model), graph);
  // Eviction past the capacity releases the oldest the same way.
  const first = store.parse('c', text);
  const firstGraph = store.states.graphOf(first);
  store.parse('d', text + ' ');
  store.parse('e', text + '  ');
  assert.notEqual(store.states.graphOf(first), firstGraph);
});
