// npm run bench: ours vs the anchors, same run, same inputs. Writes bench/results.json (the rows) and
// bench/RESULTS.md (machine, table, how each was measured, notes) and prints the table.
//   npm run bench                 every section, files written
//   npm run bench -- flow send    only those sections (callout, flow, manyflows, send, keystroke, binary, budgets), printed, files not written
//   npm run bench -- binary --update   only those sections; their rows replace the same rows in bench/results.json
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { benchBinary } from './binary';
import { benchBudgets } from './budgets';
import { benchCallout } from './callout';
import { benchFlow } from './flow';
import { benchKeystroke } from './keystroke';
import { benchManyFlows } from './manyflows';
import { fmt, log, machineInfo, repoRoot, type BenchEntry, type BenchSection, type MachineInfo, type ResultRow } from './lib';
import { benchSend } from './send';

const SECTIONS: Record<string, () => Promise<BenchSection>> = {
  callout: benchCallout,
  flow: benchFlow,
  manyflows: benchManyFlows,
  send: benchSend,
  keystroke: benchKeystroke,
  binary: benchBinary,
  budgets: benchBudgets,
};

const benchDir = path.join(repoRoot, 'bench');

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function table(entries: ResultRow[]): string {
  const lines = ['| benchmark | ours | anchor | unit | speedup (anchor ÷ ours) |', '|---|---:|---:|---|---:|'];
  for (const e of entries) lines.push(`| ${e.name} | ${fmt(e.ours)} | ${fmt(e.anchor)} | ${e.unit} | ${e.speedup === null ? '—' : `${fmt(e.speedup)}×`} |`);
  return lines.join('\n');
}

function plainTable(entries: ResultRow[]): string {
  const rows = [['benchmark', 'ours', 'anchor', 'unit', 'speedup'], ...entries.map((e) => [e.name, fmt(e.ours), fmt(e.anchor), e.unit, e.speedup === null ? '—' : `${fmt(e.speedup)}×`])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

async function activationSection(): Promise<string[]> {
  const file = path.join(benchDir, 'activation.json');
  if (!existsSync(file)) return [];
  try {
    const a = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>;
    const lines = ['## Extension activation (from bench/activation.json, written by the VS Code test tier)', ''];
    lines.push(`Measured ${a.measuredAt ?? '?'} on ${a.host ?? '?'} (not in this run; copied as recorded).`, '');
    lines.push('| measure | ms |', '|---|---:|');
    for (const [k, v] of Object.entries(a)) if (typeof v === 'number') lines.push(`| ${k} | ${fmt(v)} |`);
    if (a.note) lines.push('', `Note: ${a.note}`);
    return [...lines, ''];
  } catch (e) {
    return ['## Extension activation', '', `bench/activation.json could not be read: ${(e as Error).message}`, ''];
  }
}

function markdown(sections: BenchSection[], failures: string[], machine: MachineInfo, startedAt: Date, seconds: number, commit: string, dirty: string, activation: string[]): string {
  const entries = sections.flatMap((s) => s.entries);
  const out: string[] = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts). Every number below was measured in this run; ours and the anchor ran in the same process run on the same inputs. Speedup = anchor ÷ ours (above 1: ours is faster; below 1: ours is slower).',
    '',
    `- Date: ${startedAt.toISOString()} (took ${seconds.toFixed(0)} s)`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGB} GB RAM, ${machine.os}`,
    `- Node: ${machine.node}`,
    `- Load average at start (1/5/15 min): ${machine.loadAvg.join(' / ')} — the machine is shared with other work, so expect noise; each row gives its spread below.`,
    `- Code: ${commit}${dirty ? ` with uncommitted changes in ${dirty}` : ''} (the bundles in dist/ were rebuilt by \`npm run bench\` from the working tree)`,
    '',
    table(entries),
    '',
  ];
  if (failures.length) out.push('**Sections that failed in this run:**', '', ...failures.map((f) => `- ${f}`), '');
  for (const s of sections) {
    out.push(`## ${s.title}`, '');
    for (const e of s.entries) {
      out.push(`### ${e.name}`, '', `- Ours: ${e.oursLabel}`, `- Anchor: ${e.anchorLabel}`, `- Measured: ${e.method}`);
      for (const d of e.details ?? []) out.push(`- ${d}`);
      out.push('');
    }
    if (s.notes.length) out.push('Notes:', '', ...s.notes.map((n) => `- ${n}`), '');
  }
  out.push(...activation);
  out.push(
    '## General notes',
    '',
    '- Warm numbers: every side ran unmeasured warm-up iterations first; medians (or p50/p95 for keystrokes) of the measured runs. Paired rows interleave ours and the anchor run by run so load changes hit both, in alternating order (ours first, then the anchor first) so neither side always meets the garbage of the other in its timing.',
    '- In-process rows run our TypeScript sources through tsx (esbuild transform, like the bundle); process and stdio rows run the bundles in dist/.',
    '- Nothing here is asserted by a test: the bench reports what it measured, and rows where ours is slower say so (speedup below 1).',
    '',
  );
  return out.join('\n');
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !SECTIONS[a]);
  if (unknown.length) throw new Error(`Unknown section(s) ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}.`);
  const names = asked.length ? asked : Object.keys(SECTIONS);
  const machine = machineInfo();
  const startedAt = new Date();
  const t0 = Date.now();
  const sections: BenchSection[] = [];
  const failures: string[] = [];
  for (const name of names) {
    log(`section ${name}`);
    try {
      sections.push(await SECTIONS[name]());
    } catch (e) {
      const msg = `${name}: ${(e as Error).stack ?? e}`;
      failures.push(msg.split('\n').slice(0, 3).join(' '));
      log(`FAILED ${msg}`);
    }
  }
  const seconds = (Date.now() - t0) / 1000;
  const entries: BenchEntry[] = sections.flatMap((s) => s.entries);
  const rows: ResultRow[] = entries.map(({ name, ours, anchor, unit, speedup, rssMB, cores }) => ({ name, ours, anchor, unit, speedup, ...(rssMB === undefined ? {} : { rssMB }), ...(cores === undefined ? {} : { cores }) }));

  if (!asked.length) {
    const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown commit';
    const dirty = [...new Set(git(['status', '--porcelain', '--', 'server', 'schemas', 'esbuild.mjs', 'package.json']).split('\n').filter(Boolean).map((l) => l.slice(3).split('/').slice(0, 4).join('/')))].join(', ');
    await fsp.writeFile(path.join(benchDir, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);
    await fsp.writeFile(path.join(benchDir, 'RESULTS.md'), markdown(sections, failures, machine, startedAt, seconds, commit, dirty, await activationSection()));
    log('wrote bench/results.json and bench/RESULTS.md');
  } else if (process.argv.includes('--update') && !failures.length) {
    // The other rows stay as the last full run measured them; RESULTS.md is left for the next full run.
    const file = path.join(benchDir, 'results.json');
    const old = existsSync(file) ? (JSON.parse(await fsp.readFile(file, 'utf8')) as ResultRow[]) : [];
    const merged = [...old.filter((r) => !rows.some((n) => n.name === r.name)), ...rows];
    await fsp.writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
    log(`updated ${rows.length} row(s) in bench/results.json; bench/RESULTS.md was not written`);
  } else {
    log('only some sections ran: bench/results.json and bench/RESULTS.md were not written');
  }
  process.stdout.write(`\n${plainTable(rows)}\n\n${machine.cpu}, ${machine.cores} cores, ${machine.ramGB} GB, Node ${machine.node}; ${seconds.toFixed(0)} s\n`);
  if (failures.length) {
    process.stdout.write(`\nFailed sections:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
