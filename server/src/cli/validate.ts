// `flow-callout validate`: every diagnostic the editor shows, for callout definitions and flows, as text
// (file:line:col, rule id, caret excerpt), JSON or SARIF 2.1.0.
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKind } from '../core/language';
import { refuseContent, type FileFacts } from '../core/model/content';
import type { Problem } from '../core/model/problem';
import { nodeFs, probeFile } from '../core/project/fs';
import { ProjectIndex } from '../core/project/index';
import { getLanguageService } from '../core/service';
import { SETTINGS_FILE } from '../core/project/settings';
import { validateSettingsText } from '../core/validate/settings';
import { expandPaths } from './paths';
import { findProjectRoot } from './projectRoot';
import { VERSION } from '../version';
import { ruleCatalog } from './rulesCatalog';

export interface FileResult {
  file: string;
  problems: (Problem & { line: number; column: number; endLine: number; endColumn: number })[];
}

export function collectFiles(paths: string[]): Promise<string[]> {
  return expandPaths(
    paths,
    (f) => documentKind(f) === 'callout' || documentKind(f) === 'flow',
    (p) => new Error(`${p}: no such file or folder. Give paths of callout definitions, flows, or folders that hold them.`),
  );
}

/**
 * The files' texts in order, with up to `window` reads in flight while the caller works on the current one
 * (I/O overlaps validation; memory stays bounded on large repositories). A file over `maxBytes` or with
 * binary content (a NUL byte in its first 8 KB) is not read: text undefined, `facts` say why.
 */
export async function* readAhead(files: string[], window = 8, maxBytes = Infinity): AsyncGenerator<{ file: string; text: string | undefined; facts: FileFacts }> {
  const read = async (file: string) => {
    const facts = await probeFile(file);
    return { facts, text: facts.size > maxBytes || facts.binaryAt >= 0 ? undefined : await fsp.readFile(file, 'utf8') };
  };
  const pending: Promise<{ facts: FileFacts; text: string | undefined }>[] = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && pending.length < window) pending.push(read(files[next++]));
  };
  fill();
  for (const file of files) {
    const got = await pending.shift()!;
    fill();
    yield { file, ...got };
  }
}

/**
 * Every diagnostic of `paths`. One language service (one flow store) for the run: the project index
 * summarises each flow from the store's parse, and validation finds that parse again — each flow is parsed
 * once. The store keeps the models of the flows still to validate (and only those), dropping each once done.
 */
export async function validateFiles(paths: string[], severities?: Record<string, string>): Promise<{ results: FileResult[]; root: string; flowParses: number }> {
  const files = await collectFiles(paths.length ? paths : ['.']);
  const root = await findProjectRoot(paths[0] ?? '.');
  let project: ProjectIndex | undefined;
  const service = getLanguageService({ project: () => project, flowStore: { capacity: Infinity } });
  project = await ProjectIndex.load(root, nodeFs, { summarizeFlow: service.summarizeFlow });
  const pending = new Set(files);
  service.flowStore.retain((key) => pending.has(key));
  const results: FileResult[] = [];
  // The project's .flowcallout.json decides what every other result means: its problems come first.
  const settingsFile = path.join(root, SETTINGS_FILE);
  const settingsText = await fsp.readFile(settingsFile, 'utf8').catch(() => undefined);
  if (settingsText !== undefined) {
    const doc = TextDocument.create('file://' + settingsFile, 'json', 1, settingsText);
    const problems = validateSettingsText(settingsText).map((p) => located(doc, p));
    if (problems.length) results.push({ file: settingsFile, problems });
  }
  const checked = files.filter((f) => !project.settings.isIgnored(f, root));
  for await (const { file, text, facts } of readAhead(checked, 8, project.maxFileSizeMB * 1024 * 1024)) {
    if (text === undefined) {
      // Not read (binary or too large): its one diagnostic, at the start of the file.
      const kind = documentKind(file);
      const refused = kind === 'flow' || kind === 'callout' ? refuseContent(kind, undefined, project.maxFileSizeMB, facts) : undefined;
      results.push({ file, problems: refused ? [{ ...refused, line: 1, column: 1, endLine: 1, endColumn: 1 }] : [] });
      continue;
    }
    const doc = TextDocument.create('file://' + file, 'text', 1, text);
    const problems = service.validate({ uri: doc.uri, fileName: file, text }, { severities: severities as never }).map((p) => located(doc, p));
    results.push({ file, problems });
    service.didClose(doc.uri);
    service.flowStore.forget(file);
  }
  return { results, root, flowParses: service.flowStore.counts.parses };
}

function located(doc: TextDocument, p: Problem): FileResult['problems'][number] {
  const s = doc.positionAt(p.offset);
  const e = doc.positionAt(p.offset + p.length);
  return { ...p, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function formatText(results: FileResult[], cwd: string, read: (f: string) => string): string {
  const lines: string[] = [];
  for (const r of results) {
    // A file refused as binary or too large (core/model/content.ts) is not read again for an excerpt.
    const excerpts = r.problems.length && !r.problems.some((p) => p.code === 'binary-content' || p.code === 'file-too-large');
    const text = excerpts ? read(r.file).split(/\r?\n/) : [];
    for (const p of r.problems) {
      lines.push(`${path.relative(cwd, r.file)}:${p.line}:${p.column}: ${p.severity} ${p.message} [${p.code}]`);
      for (const rel of p.related ?? []) {
        const at = rel.file !== undefined ? `${path.relative(cwd, rel.file)}:${(rel.line ?? 0) + 1}:${(rel.character ?? 0) + 1}` : `${path.relative(cwd, r.file)}`;
        lines.push(`  ↳ ${at}: ${rel.message}`);
      }
      const src = text[p.line - 1];
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
