// `flow-callout validate`: every diagnostic the editor shows, for callout definitions and flows, as text
// (file:line:col, rule id, caret excerpt), JSON or SARIF 2.1.0.
import * as path from 'node:path';
import * as os from 'node:os';
import { promises as fsp } from 'node:fs';
import { documentKind } from '../core/language';
import { nodeFs } from '../core/project/fs';
import { ProjectIndex } from '../core/project/index';
import { SETTINGS_FILE } from '../core/project/settings';
import { validateSettingsText } from '../core/validate/settings';
import { LineTable } from '../core/parse/lines';
import { expandPaths } from './paths';
import { findProjectRoot } from './projectRoot';
import { VERSION } from '../version';
import { ruleCatalog } from './rulesCatalog';
import { located, validateShare, type FileResult } from './validateShare';
import { validateWithWorkers } from './validateWorkers';

export { readAhead, type FileResult } from './validateShare';


export function collectFiles(paths: string[]): Promise<string[]> {
  return expandPaths(
    paths,
    (f) => documentKind(f) === 'callout' || documentKind(f) === 'flow',
    (p) => new Error(`${p}: no such file or folder. Give paths of callout definitions, flows, or folders that hold them.`),
  );
}

export interface ValidateOptions {
  /**
   * Worker threads (cli/validateWorkers.ts). 1: everything on this thread. Default: the machine's cores when
   * the project has at least WORKER_MIN_FLOWS flows per worker, else 1. The results are the same either way.
   */
  workers?: number;
}

/** Below this many flows per worker, starting workers (each loads the project's metadata) costs more than it saves. */
export const WORKER_MIN_FLOWS = 100;

/**
 * Every diagnostic of `paths`. Each file is read once and each flow parsed once (validateShare.ts): a flow is
 * read when its turn comes, with the flows its checks read, through the project index, which summarises it from
 * the flow store's parse; validation finds that text and that parse again under the same key (the file path), and
 * the model is dropped once the flow is validated. With workers, the same per file, the files dealt out across
 * threads (validateWorkers.ts); results in the same order.
 */
export async function validateFiles(paths: string[], severities?: Record<string, string>, options: ValidateOptions = {}): Promise<{ results: FileResult[]; root: string; flowParses: number; workers: number }> {
  const files = await collectFiles(paths.length ? paths : ['.']);
  const root = await findProjectRoot(paths[0] ?? '.');
  const results: FileResult[] = [];
  // The project's .flowcallout.json decides what every other result means: its problems come first.
  const settingsFile = path.join(root, SETTINGS_FILE);
  const settingsText = await fsp.readFile(settingsFile, 'utf8').catch(() => undefined);
  if (settingsText !== undefined) {
    const lines = new LineTable(settingsText);
    const problems = validateSettingsText(settingsText).map((p) => located(lines, p));
    if (problems.length) results.push({ file: settingsFile, problems });
  }
  const listing = await ProjectIndex.load(root, nodeFs, { summarizeFlow: () => { throw new Error('a listing reads no flow'); } }, { listOnly: true });
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkers(listing.unreadFlowCount)));
  if (workers > 1) {
    const run = await validateWithWorkers(root, files, severities, workers);
    return { results: [...results, ...run.results], root, flowParses: run.flowParses, workers };
  }
  const { results: checked, flowParses } = await validateShare(root, files, severities);
  return { results: [...results, ...checked], root, flowParses, workers: 1 };
}

/**
 * Below this many cores the CLI checks on one thread by default: every worker loads the project's metadata and
 * parses its definitions again, and on 2 cores (bench row cli-validate-1000-flows-200-definitions, a quiet run)
 * two workers were 0.81× one thread. `--workers N` still asks for them.
 */
export const WORKER_MIN_CORES = 4;

function defaultWorkers(flows: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < WORKER_MIN_CORES) return 1;
  return Math.max(1, Math.min(cores, Math.floor(flows / WORKER_MIN_FLOWS)));
}

export function formatText(results: FileResult[], cwd: string, read: (f: string) => string): string {
  const lines: string[] = [];
  for (const r of results) {
    // A file refused as binary or too large (core/model/content.ts) is not read again for an excerpt.
    const excerpts = r.problems.length && !r.problems.some((p) => p.code === 'binary-content' || p.code === 'file-too-large');
    // The excerpt's lines end where the reported line:column says (LF, CR LF, a lone CR: core/parse/lines.ts).
    const table = excerpts ? new LineTable(read(r.file)) : undefined;
    for (const p of r.problems) {
      lines.push(`${path.relative(cwd, r.file)}:${p.line}:${p.column}: ${p.severity} ${p.message} [${p.code}]`);
      for (const rel of p.related ?? []) {
        const at = rel.file !== undefined ? `${path.relative(cwd, rel.file)}:${(rel.line ?? 0) + 1}:${(rel.character ?? 0) + 1}` : `${path.relative(cwd, r.file)}`;
        lines.push(`  ↳ ${at}: ${rel.message}`);
      }
      const src = table?.lineText(p.line - 1);
      if (src !== undefined && src.length < 400) {
        lines.push(`  ${src}`);
        const width = p.endLine === p.line ? Math.max(1, p.endColumn - p.column) : Math.max(1, src.length - p.column + 1);
        lines.push(`  ${' '.repeat(p.column - 1)}${'^'.repeat(width)}`);
      }
    }
  }
  const count = (s: string) => results.reduce((n, r) => n + r.problems.filter((p) => p.severity === s).length, 0);
  lines.push(`${results.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.`);
  return lines.join('\n');
}

export function formatSarif(results: FileResult[], root: string): object {
  const rules = ruleCatalog();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'flow-callout', informationUri: 'https://github.com/flow-callout-studio/flow-callout-studio', version: VERSION, rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.doc }, help: { text: `${r.doc} Source: ${r.source}` }, defaultConfiguration: { level: sarifLevel(r.defaultSeverity) } })) } },
      originalUriBaseIds: { SRCROOT: { uri: 'file://' + root.replace(/\/?$/, '/') } },
      results: results.flatMap((r) => r.problems.map((p) => ({
        ruleId: p.code,
        level: sarifLevel(p.severity),
        message: { text: p.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: path.relative(root, r.file).split(path.sep).join('/'), uriBaseId: 'SRCROOT' }, region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn } } }],
        ...(p.related?.some((rel) => rel.file !== undefined) ? {
          relatedLocations: p.related.filter((rel) => rel.file !== undefined).map((rel, id) => ({
            id, message: { text: rel.message },
            physicalLocation: { artifactLocation: { uri: path.relative(root, rel.file!).split(path.sep).join('/'), uriBaseId: 'SRCROOT' }, region: { startLine: (rel.line ?? 0) + 1, startColumn: (rel.character ?? 0) + 1, endLine: (rel.line ?? 0) + 1, endColumn: (rel.character ?? 0) + 1 + rel.length } },
          })),
        } : {}),
      }))),
    }],
  };
}

function sarifLevel(s: string): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}



export { findProjectRoot };
