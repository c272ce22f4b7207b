// Callout definitions indexed lazily by name (project/definitions.ts): every diagnostic, and the index's
// definitions once listed, equal an eager load's — on the examples with the shared corpus's flows, and on
// definitions whose name is written in ways a substring test must not miss (aliases, escapes, tags, folding,
// case), through edits that keep, change or add a name and files added or removed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getLanguageService, type LanguageService } from '../../server/src/core/service';
import { documentKind } from '../../server/src/core/language';
import { nodeFs } from '../../server/src/core/project/fs';
import { exactNameValues, exactNameWord, nameValueStarts, nearNameValue, nearScalar, editDistance } from '../../server/src/core/model/similar';

const repoRoot = path.resolve(__dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
let dir: string;
const FLOWS = 'force-app/main/default/flows';
const crm = fs.readFileSync(path.join(repoRoot, 'examples/callouts/ExternalCrmLeads.callout.yaml'), 'utf8');
const leadFlow = fs.readFileSync(path.join(repoRoot, 'examples', FLOWS, 'Lead_To_External_CRM.flow-meta.xml'), 'utf8');

/** The CRM definition with its `name:` line replaced. */
const named = (nameLines: string, extra = '') => crm.replace(/^name: .*$/m, nameLines) + extra;

/** Definitions whose name a lookup must find (or not) whatever way it is written. */
const DEFINITIONS: Record<string, string> = {
  'callouts/a/Svc.callout.yaml': named('name: Svc'),
  // Same name, later in the walk: it holds the name.
  'callouts/b/SvcCopy.callout.yaml': named('name: Svc', 'x-copy: true\n'),
  // Names of others in its text, but not its own.
  'callouts/a/Mentions.callout.yaml': named('name: Mentions\n# calls Svc, svc, SvcLower, AliasSvc and ExternalCrmLeads'),
  'callouts/a/Alias.callout.yaml': named('x-base: &n AliasSvc\nname: *n'),
  'callouts/a/Escaped.callout.yaml': named('name: "Esc\\x61ped"'),
  'callouts/a/Json.callout.json': JSON.stringify({ name: 'JSONSVC', namedCredential: 'ExternalCRM', method: 'GET', path: '/x', responses: { '2XX': { sample: { id: 1 } } } }).replace('"JSONSVC"', '"J\\u0053onSvc"'),
  'callouts/a/Binary.callout.yaml': named(`name: !!binary ${Buffer.from('BinSvc').toString('base64')}`),
  'callouts/a/Lower.callout.yaml': named('name: svclower'),
  'callouts/a/Folded.callout.yaml': named('name: >-\n  Fold\n  Svc'),
  'callouts/a/NoName.callout.yaml': crm.replace(/^name: .*$/m, ''),
  'callouts/a/CaseA.callout.yaml': named('name: CaseSvc'),
  'callouts/b/CaseB.callout.yaml': named('name: CASESVC'),
};

/** Services the flows call: found, found regardless of case, unknown but near a name, unknown. */
const CALLED = ['Svc', 'svc', 'SvcLower', 'AliasSvc', 'Escaped', 'JSonSvc', 'BinSvc', 'casesvc', 'Mentions', 'WeatherForcast', 'ExternalCrmLead', 'Nowhere', 'FoldSvc'];

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-lazydefs-'));
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  for (const [file, text] of Object.entries(DEFINITIONS)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  CALLED.forEach((service, i) => fs.writeFileSync(path.join(dir, FLOWS, `Calls_${String(i).padStart(2, '0')}.flow-meta.xml`), leadFlow.replace(/ExternalCrmLeads(?=[._])/g, service)));
  // The shared corpus's flows (unknown services, near and far names, Apex-defined types).
  if (fs.existsSync(corpus)) {
    const flows: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.flow-meta.xml')) flows.push(p);
      }
    };
    walk(corpus);
    flows.forEach((f, i) => fs.copyFileSync(f, path.join(dir, FLOWS, `Corpus_${i}_${path.basename(f)}`)));
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function projectFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (documentKind(p) === 'flow' || documentKind(p) === 'callout') out.push(p);
    }
  };
  walk(dir);
  return out;
}

async function loaded(definitions: 'lazy' | 'eager'): Promise<LanguageService> {
  const service = getLanguageService({ fs: nodeFs });
  await service.session.load(dir, { definitions });
  return service;
}

/**
 * Every flow's then every definition's diagnostics (flows first: their lookups run while the definitions are
 * unparsed; the flows calling CALLED first, in its order, so an unknown service's "did you mean" — which reads
 * every definition with a near value — comes after the lookups by name).
 */
function diagnostics(service: LanguageService, texts: Map<string, string>): Map<string, string> {
  const files = projectFiles();
  for (const f of texts.keys()) if (!files.includes(f)) files.push(f);
  const order = [...files.filter((f) => documentKind(f) === 'flow'), ...files.filter((f) => documentKind(f) !== 'flow')];
  const out = new Map<string, string>();
  for (const file of order) {
    const text = texts.get(file) ?? fs.readFileSync(file, 'utf8');
    out.set(file, JSON.stringify(service.validate({ uri: file, fileName: file, text })));
  }
  return out;
}

const svc = path.join('callouts/a/Svc.callout.yaml');
const copy = path.join('callouts/b/SvcCopy.callout.yaml');
const entries = (s: LanguageService) => [...s.session.index!.callouts.entries()].map(([k, v]) => `${k} → ${path.relative(dir, v.file)} ${v.operation}`);

test('lazy definitions: the same diagnostics as an eager load, and lookups by name leave unrelated definitions unparsed', async () => {
  const lazy = await loaded('lazy');
  const eager = await loaded('eager');
  const flowOnly = path.join(dir, FLOWS, 'Calls_00.flow-meta.xml');
  lazy.validate({ uri: flowOnly, fileName: flowOnly, text: fs.readFileSync(flowOnly, 'utf8') });
  // A flow calling Svc read the candidates for Svc only: nothing listed every definition.
  assert.equal(lazy.session.index!.callouts.settled, false);
  const a = diagnostics(lazy, new Map());
  const b = diagnostics(eager, new Map());
  assert.ok(a.size > 40, `${a.size} files`);
  for (const [file, d] of b) assert.equal(a.get(file), d, path.relative(dir, file));
  // Some findings come from the tricky names (an unknown service near one, a case-insensitive hit).
  assert.match([...b.values()].join('\n'), /Did you mean/);
  assert.deepEqual(entries(lazy), entries(eager));
  // Two files named Svc: the later in the walk holds the name.
  const walk = [...await eager.session.index!.projectFiles(nodeFs)].map((f) => path.relative(dir, f));
  const later = walk.indexOf(copy) > walk.indexOf(svc) ? copy : svc;
  assert.ok(entries(eager).includes(`Svc → ${later} createLead`), entries(eager).join('\n'));
  for (const name of ['AliasSvc', 'Escaped', 'JSonSvc', 'BinSvc', 'Fold Svc', 'svclower', 'CaseSvc', 'CASESVC']) {
    assert.ok(entries(eager).some((e) => e.startsWith(`${name} →`)), name);
  }
});

/** Edits as the editor (unsaved text) and the file watcher report them; each scenario starts from a fresh load. */
const SCENARIOS: Record<string, { edit?: [string, string][]; remove?: string[] }[]> = {
  'an edit that keeps the name (the edited file holds it again)': [{ edit: [[svc, named('name: Svc', 'x-edited: 1\n')]] }],
  'two edits keeping names, then listing': [{ edit: [[svc, named('name: Svc', 'x-edited: 1\n')], [copy, named('name: Svc', 'x-edited: 2\n')]] }],
  'a rename of the holder gives the name back': [{ edit: [[copy, named('name: SvcRenamed')]] }],
  'a definition that only mentioned a name takes it': [{ edit: [['callouts/a/Mentions.callout.yaml', named('name: Svc')]] }],
  'a new file with a taken name': [{ edit: [['callouts/c/New.callout.yaml', named('name: Svc', 'x-new: 1\n')]] }],
  'a removed holder': [{ remove: [copy] }],
  'a name removed, then written again': [{ edit: [[svc, crm.replace(/^name: .*$/m, '')]] }, { edit: [[svc, named('name: Svc')]] }],
  'an edit that keeps the name, then a rename': [{ edit: [[svc, named('name: Svc', 'x-edited: 1\n')]] }, { edit: [[svc, named('name: Other')]] }],
  'an unreadable definition': [{ edit: [[svc, 'x\u0000'.repeat(20)]] }],
};

for (const [title, steps] of Object.entries(SCENARIOS)) {
  test(`lazy definitions == eager through edits: ${title}`, async () => {
    const lazy = await loaded('lazy');
    const eager = await loaded('eager');
    const texts = new Map<string, string>();
    for (const step of steps) {
      for (const [rel, text] of step.edit ?? []) {
        const file = path.join(dir, rel);
        texts.set(file, text);
        for (const s of [lazy, eager]) s.session.editorChanged(file, text);
      }
      for (const rel of step.remove ?? []) for (const s of [lazy, eager]) s.session.fileDeleted(path.join(dir, rel));
      const removed = new Set((step.remove ?? []).map((r) => path.join(dir, r)));
      const a = diagnostics(lazy, texts);
      const b = diagnostics(eager, texts);
      for (const [file, d] of b) if (!removed.has(file)) assert.equal(a.get(file), d, `${title}: ${path.relative(dir, file)}`);
    }
    assert.deepEqual(entries(lazy), entries(eager));
    assert.deepEqual([...lazy.session.indexErrors().keys()].sort(), [...eager.session.indexErrors().keys()].sort());
  });
}

test('nearScalar: a scalar within the limit is found (also folded over lines), text with none is not', () => {
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const next = random(7);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
  const word = () => Array.from({ length: 4 + Math.floor(next() * 14) }, () => letters[Math.floor(next() * letters.length)]).join('');
  for (let i = 0; i < 400; i++) {
    const target = word();
    const names = Array.from({ length: 6 }, word);
    const folded = names.map((n, k) => (k === 2 ? `${n.slice(0, 2)}\n   ${n.slice(2)}` : n));
    const text = folded.map((n, k) => `key${k}: ${n}\n`).join('') + `list: [${names[0]}, "${names[1]}"]\n`;
    const limit = Math.max(2, Math.ceil(target.length * 0.4));
    const values = names.map((n, k) => (k === 2 ? `${n.slice(0, 2)} ${n.slice(2)}` : n));
    const anyNear = values.some((v) => editDistance(target, v) <= limit);
    if (anyNear) assert.equal(nearScalar(text, target, limit), true, `${target} in ${text}`);
  }
  assert.equal(nearScalar('name: ExternalCrmLeads\npath: /api/v1/leads\n', 'WeatherForecast', 6), false);
  assert.equal(nearScalar('name: WeatherForecast\n', 'WeatherForcast', 6), true);
  assert.equal(nearScalar('description: "x WeatherForecasts y"\n', 'WeatherForecast', 0), false);
});

test('nearNameValue: a name value within the limit is found however it is written; other scalars do not count', () => {
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const next = random(11);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
  const word = () => Array.from({ length: 4 + Math.floor(next() * 14) }, () => letters[Math.floor(next() * letters.length)]).join('');
  const styles: ((v: string) => [string, string])[] = [
    (v) => [`name: ${v}\n`, v],
    (v) => [`name:   "${v}"  # c\n`, v],
    (v) => [`'name' : '${v}'\n`, v],
    (v) => [`name: &a ${v}\n`, v],
    (v) => [`name: !local ${v}\n`, v],
    (v) => [`name: >-\n  ${v.slice(0, 3)}\n  ${v.slice(3)}\n`, `${v.slice(0, 3)} ${v.slice(3)}`],
    (v) => [`name: |\n    ${v}\n`, `${v}\n`],
    (v) => [`name:\n  ${v}\n`, v],
    (v) => [`{ "name" : "${v}", "path": "/x" }`, v],
    (v) => [`{ /* c */ "name" /* d */ : /* e */ "${v}" }`, v],
    (v) => [`\uFEFFname: ${v}\n`, v],
    (v) => [`- name: ${v}\n`, v],
  ];
  for (let i = 0; i < 600; i++) {
    const target = word();
    const value = next() < 0.5 ? target.slice(0, -1) + 'x' : word();
    const [line, parsedValue] = styles[i % styles.length](value);
    const text = `description: ${word()}\n${line}method: GET\npath: /${word()}\n`;
    const limit = Math.max(2, Math.ceil(target.length * 0.4));
    if (editDistance(target, parsedValue) <= limit) assert.equal(nearNameValue(text, target, limit), true, `${target} in ${JSON.stringify(text)}`);
  }
  const crmLike = 'name: ExternalCrmLeads7\nresponses:\n  2XX:\n    sample: { externalLeadId: L-1 }\n';
  assert.equal(nearScalar(crmLike, 'ExternalWeatherData', 8), true);
  assert.equal(nearNameValue(crmLike, 'ExternalWeatherData', 8), false);
  // An alias may bring the name from anywhere: every scalar counts.
  assert.equal(nearNameValue(`x: &n ExternalWeatherDat\nname: *n\n`, 'ExternalWeatherData', 2), true);
});

test('exactNameValues answers what nearNameValue answers with limit 0, for every word it is asked about', () => {
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const next = random(23);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.$@!K\u212a\u0130\u03a3';
  const word = () => Array.from({ length: 1 + Math.floor(next() * 10) }, () => letters[Math.floor(next() * letters.length)]).join('');
  const styles = [
    (v: string) => `name: ${v}\n`, (v: string) => `name:   "${v}"  # c\n`, (v: string) => `'name' : '${v}'\n`, (v: string) => `name: &a ${v}\n`,
    (v: string) => `name: !local ${v}\n`, (v: string) => `name: >-\n  ${v}\n  more\n`, (v: string) => `{ "name" : "${v}", "path": "/x" }`,
    (v: string) => `{ /* c */ "name" /* d */ : /* e */ "${v}" }`, (v: string) => `- name: ${v}:x\n`, (v: string) => `name: ${v}`, (v: string) => `name: ${v} tail\n`,
  ];
  const texts: { text: string; values: string[] }[] = fs.readdirSync(path.join(repoRoot, 'examples/callouts'))
    .map((f) => ({ text: fs.readFileSync(path.join(repoRoot, 'examples/callouts', f), 'utf8'), values: ['ExternalCrmLeads', 'WeatherForecast', 'AddressValidation', 'Weather'] }));
  for (let i = 0; i < 400; i++) {
    const values = [word(), word()];
    texts.push({ text: `description: ${word()}\n${styles[i % styles.length](values[0])}method: GET\n${next() < 0.3 ? styles[(i + 3) % styles.length](values[1]) : ''}`, values });
  }
  let asked = 0;
  for (const { text, values } of texts) {
    const starts = nameValueStarts(text);
    if (!starts) continue;
    const exact = exactNameValues(text, starts);
    // Words: the values written and those found, their variants (case, one unit more or less, an edge inside), random ones.
    const words = [...values, ...exact].flatMap((v) => [v, v.toUpperCase(), v.slice(1), v.slice(0, -1), `${v}x`, `${v}:`, `${v} x`]).concat(word(), word(), 'name', 'leads');
    for (const w of words) {
      const lower = w.toLowerCase();
      if (!exactNameWord(lower)) continue;
      asked++;
      assert.equal(exact.has(lower), nearNameValue(text, lower, 0), `${JSON.stringify(lower)} in ${JSON.stringify(text.slice(0, 200))}`);
    }
  }
  assert.ok(asked > 1000, `${asked} words compared`);
});
