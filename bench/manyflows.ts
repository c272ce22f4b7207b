// A 1,000-flow SFDX project (+ 200 callout definitions) for the flows-at-scale rows, generated the same way
// every run from real shapes: the corpus flows (../shared/corpus) and this repository's flows that call
// callout definitions (examples/, test/fixtures/), cycled until there are `flows` of them. Copy g of a flow
// is named <Name>_c<g>, and its subflow references to other flows of the pool are renamed the same way, so
// subflows resolve inside the project. The 200 definitions are the examples' three, renamed (<Name><k>);
// each copy of a flow that calls ExternalCrmLeads calls one of its renamed definitions (actionName and the
// ExternalService__ Apex types). The examples' credentials and fields come along. Written under
// bench/.cache/manyflows (git-ignored); rewritten only when its recipe changes.
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { corpusFlowFiles } from './flow';
import { cacheDir, corpusDir, repoRoot } from './lib';

export interface ManyFlowsProject {
  dir: string;
  flowsDir: string;
  /** Every flow file, in a stable order. */
  flowFiles: string[];
  definitions: number;
  /** Bytes of all flow files. */
  flowBytes: number;
  /** A flow that calls a definition (the document the server row opens). */
  openFlow: string;
  /** How many of the pool's flows came from the corpus / from this repository. */
  corpusFlows: number;
  repoFlows: number;
}

const EXAMPLES = path.join(repoRoot, 'examples');
/** This repository's flows that call the examples' definitions. */
const REPO_FLOWS = [
  path.join(EXAMPLES, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml'),
  path.join(repoRoot, 'test/fixtures/flows/Lead_Callout_Problems.flow-meta.xml'),
];
const RECIPE = 'manyflows-v1';

const stemOf = (file: string) => path.basename(file).replace(/\.flow-meta\.xml$|\.flow$/i, '');

export async function makeManyFlowsProject(flows = 1000, definitions = 200): Promise<ManyFlowsProject> {
  const corpus = await corpusFlowFiles(corpusDir);
  if (!corpus.length) throw new Error(`No flows under ${corpusDir} (set BENCH_CORPUS).`);
  // One flow per name: the corpus holds a few same-named flows in different repositories.
  const pool: { file: string; name: string; repo: boolean }[] = [];
  const names = new Set<string>();
  for (const file of [...corpus, ...REPO_FLOWS]) {
    const name = stemOf(file);
    if (names.has(name.toLowerCase())) continue;
    names.add(name.toLowerCase());
    pool.push({ file, name, repo: REPO_FLOWS.includes(file) });
  }
  const texts = await Promise.all(pool.map((p) => fsp.readFile(p.file, 'utf8')));
  const calloutDir = path.join(EXAMPLES, 'callouts');
  const defFiles = (await fsp.readdir(calloutDir)).filter((f) => /\.callout\.ya?ml$/.test(f)).sort();
  const defTexts = await Promise.all(defFiles.map((f) => fsp.readFile(path.join(calloutDir, f), 'utf8')));

  const hash = createHash('sha1').update(RECIPE).update(String(flows)).update(String(definitions));
  for (const t of [...texts, ...defTexts]) hash.update(t);
  const dir = path.join(cacheDir, `manyflows-${flows}-${definitions}`);
  const flowsDir = path.join(dir, 'force-app', 'main', 'default', 'flows');
  const stamp = path.join(dir, '.recipe');
  const digest = hash.digest('hex');

  const flowFiles: string[] = [];
  const plan: { file: string; text: string }[] = [];
  const poolNames = new Set(pool.map((p) => p.name));
  const crm = defFiles.findIndex((f) => f.startsWith('ExternalCrmLeads.'));
  let calls = 0;
  let openFlow = '';
  for (let i = 0; i < flows; i++) {
    const k = i % pool.length;
    const g = Math.floor(i / pool.length);
    const suffix = g ? `_c${g}` : '';
    let text = texts[k];
    if (g) text = text.replace(/<flowName>([^<]+)<\/flowName>/g, (m, n: string) => (poolNames.has(n) ? `<flowName>${n}${suffix}</flowName>` : m));
    if (pool[k].repo && crm >= 0) {
      // Definition number d (0-based) is made from defFiles[d % defFiles.length]: pick one of ExternalCrmLeads'.
      const made = Math.max(1, Math.ceil((definitions - crm) / defFiles.length));
      const d = crm + defFiles.length * (calls++ % made);
      text = text.replace(/ExternalCrmLeads(?=[._])/g, `ExternalCrmLeads${d}`);
    }
    const file = path.join(flowsDir, `${pool[k].name}${suffix}.flow-meta.xml`);
    if (pool[k].repo && !openFlow) openFlow = file;
    flowFiles.push(file);
    plan.push({ file, text });
  }
  const defPlan = Array.from({ length: definitions }, (_, d) => {
    const base = defFiles[d % defFiles.length];
    const baseName = base.replace(/\.callout\.ya?ml$/, '');
    const text = defTexts[d % defFiles.length].replace(/^name: .*$/m, `name: ${baseName}${d}`);
    return { file: path.join(dir, 'callouts', `${baseName}${d}.callout.yaml`), text };
  });

  const fresh = existsSync(stamp) && (await fsp.readFile(stamp, 'utf8')) === digest;
  if (!fresh) {
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.mkdir(flowsDir, { recursive: true });
    await fsp.mkdir(path.join(dir, 'callouts'), { recursive: true });
    await fsp.writeFile(path.join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }, null, 2));
    await fsp.cp(path.join(EXAMPLES, 'force-app', 'main', 'default'), path.join(dir, 'force-app', 'main', 'default'), {
      recursive: true, filter: (src) => !src.includes(`${path.sep}flows`),
    });
    for (const p of [...plan, ...defPlan]) await fsp.writeFile(p.file, p.text);
    await fsp.writeFile(stamp, digest);
  }
  return {
    dir, flowsDir, flowFiles, definitions, openFlow,
    flowBytes: plan.reduce((s, p) => s + Buffer.byteLength(p.text), 0),
    corpusFlows: pool.filter((p) => !p.repo).length, repoFlows: pool.filter((p) => p.repo).length,
  };
}
