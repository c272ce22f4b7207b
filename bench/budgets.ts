// Time budgets that used to be asserted by unit tests (wall-clock asserts fail under load, so tests no longer
// make them): the same scenarios, timed here. "Anchor" is the budget the test asserted, so a speedup above 1
// means within budget. The scenarios are the tests' own (test/unit/flow/corpusCases.ts,
// test/unit/calloutFuzzCases.ts), so what is timed is what is checked for correctness.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flowLanguage } from '../server/src/core/flow';
import { FlowStore } from '../server/src/core/flow/store';
import { validateFlowText } from '../server/src/core/flow/validate';
import { nodeFs } from '../server/src/core/project/fs';
import { ProjectIndex } from '../server/src/core/project/index';
import { summarizeFlow } from '../server/src/core/flow/summary';
import { parseYamlTree } from '../server/src/core/parse/yaml';
import { getLanguageService } from '../server/src/core/service';
import { HOSTILE, mutations as calloutMutations, prng } from '../test/unit/calloutFuzzCases';
import { corpus, hostileFlows, mutations as flowMutations, rng } from '../test/unit/flow/corpusCases';
import { generateFlow } from '../test/unit/flow/generate';
import { testProject } from '../test/unit/flow/helpers';
import { demoProject, examplesRoot } from '../test/unit/helpers';
import { corpusDir, median, now, row, spread, timeRuns, type BenchEntry, type BenchSection } from './lib';

function entry(name: string, ms: number, budget: number, method: string, samples?: number[]): BenchEntry {
  return {
    ...row(name, ms, budget, 'ms'),
    oursLabel: 'Flow Callout Studio core, in process (tsx)',
    anchorLabel: `the budget a unit test used to assert (${budget} ms)`,
    method,
    details: samples ? [`spread: ${spread(samples)}`] : undefined,
  };
}

function worstOf(cases: (() => void)[]): number {
  let worst = 0;
  for (const c of cases) {
    const t = now();
    c();
    worst = Math.max(worst, now() - t);
  }
  return worst;
}

export async function benchBudgets(): Promise<BenchSection> {
  const entries: BenchEntry[] = [];
  const flows = await corpus();
  for (const f of flows) validateFlowText(f.text, { project: f.project });
  let round = 0;
  const corpusRuns = await timeRuns(() => {
    round++;
    for (const f of flows) validateFlowText(`${f.text}${' '.repeat(round)}`, { project: f.project });
  }, 1, 5);
  entries.push(entry('budget: corpus flows validated (second pass, fresh text)', median(corpusRuns), 1000, `every corpus flow (${flows.length}) validated with fresh text objects after a first pass; median of 5`, corpusRuns));

  const random = rng(4);
  const mutated = flows.flatMap((f) => flowMutations(f.text, random).map((text) => () => {
    const doc = { uri: 'file:///mutated.flow-meta.xml', fileName: 'mutated.flow-meta.xml', text };
    validateFlowText(text, { project: f.project });
    flowLanguage.complete(doc, Math.floor(text.length / 2), f.project);
    flowLanguage.hover(doc, Math.floor(text.length / 3), f.project);
  }));
  entries.push(entry('budget: slowest mutated corpus flow (validate + complete + hover)', worstOf(mutated), 500, `${mutated.length} seeded mutations of the corpus flows; the slowest one`));

  const project = await testProject();
  const hostile = hostileFlows().map((text) => () => {
    const doc = { uri: 'file:///h.flow-meta.xml', fileName: 'h.flow-meta.xml', text };
    validateFlowText(text, { project });
    flowLanguage.complete(doc, Math.floor(text.length / 2), project);
    flowLanguage.hover(doc, Math.floor(text.length / 2), project);
  });
  entries.push(entry('budget: slowest hostile flow document', worstOf(hostile), 1000, 'deep nesting, entity expansion, empty/non-flow XML, a broken 20 KB flow; the slowest one'));

  const big = generateFlow(1024 * 1024);
  let i = 0;
  const store = new FlowStore();
  const bigRuns = await timeRuns(() => validateFlowText(big + ' '.repeat(++i), { project, store }, 'file:///generated.flow-meta.xml'), 0, 7);
  entries.push(entry('budget: generated 1 MB flow validated (median)', median(bigRuns), 400, 'a generated 1 MB flow, 7 edits (a space appended), validated through one flow store (the edit patched); median', bigRuns));

  const indexRuns = await timeRuns(() => ProjectIndex.load(corpusDir, nodeFs, { summarizeFlow }), 0, 3);
  entries.push(entry('budget: corpus project index load', median(indexRuns), 10000, 'ProjectIndex.load over the whole corpus folder; median of 3', indexRuns));

  let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let k = 1; k < 9; k++) bomb += `a${k}: &a${k} [${Array(10).fill(`*a${k - 1}`).join(', ')}]\n`;
  const bombRuns = await timeRuns(() => parseYamlTree(bomb), 1, 5);
  entries.push(entry('budget: YAML alias bomb parsed', median(bombRuns), 2000, 'nine levels of ten aliases each; median of 5', bombRuns));

  const demo = await demoProject();
  const service = getLanguageService({ project: () => demo });
  const manyKeys = 'name: A\nresponses:\n  2XX:\n    sample:\n' + Array.from({ length: 20000 }, (_, k) => `      f${k}: ${k}`).join('\n');
  const manyRuns = await timeRuns(() => service.validate({ uri: `file:///big-${now()}.callout.yaml`, fileName: 'big.callout.yaml', text: manyKeys }), 0, 3);
  entries.push(entry('budget: definition with a 20,000-field sample validated', median(manyRuns), 5000, 'one YAML definition whose sample has 20,000 fields; median of 3', manyRuns));

  const rnd = prng(20261125);
  const dir = path.join(examplesRoot, 'callouts');
  const exercise = (fileName: string, text: string, probes: number) => () => {
    const doc = { uri: `file://${fileName}#${now()}`, fileName, text };
    service.validate(doc);
    for (let k = 0; k < probes; k++) {
      const offset = Math.floor(rnd() * (text.length + 1));
      service.complete(doc, offset);
      service.hover(doc, offset);
    }
  };
  const defs = fs.readdirSync(dir).filter((n) => /\.callout\.(ya?ml|json)$/.test(n)).flatMap((f) =>
    calloutMutations(fs.readFileSync(path.join(dir, f), 'utf8'), rnd, 80).map((m) => exercise(path.join(dir, f), m, 4)));
  entries.push(entry('budget: slowest mutated callout definition', worstOf(defs), 2000, `${defs.length} seeded mutations of the example definitions (validate + 4 completions and hovers); the slowest one`));
  const hostileDefs = HOSTILE.map(([name, text]) => exercise(path.join(dir, name.startsWith('json') ? 'Hostile.callout.json' : 'Hostile.callout.yaml'), text, 3));
  entries.push(entry('budget: slowest hostile callout definition', worstOf(hostileDefs), 5000, `${HOSTILE.length} hostile shapes (deep nesting, alias bombs, huge strings); the slowest one`));

  return {
    title: 'Time budgets (formerly unit-test asserts)',
    entries,
    notes: ['These budgets were wall-clock asserts in test/unit (corpus, fuzz, schema, parse, project tests); tests now check only behaviour, and the times are reported here.'],
  };
}
