// The CLI's line:column (text, JSON, SARIF; related locations too) comes from the conversion the language
// server's ranges use (core/parse/lines.ts): on a CR-only flow, a mixed-endings flow and a mixed-endings
// definition every position equals the server's diagnostic range, and equals the LF project's (an editor splits
// lines at LF, CR LF and a lone CR alike, so replacing line endings moves no position). The text output's
// excerpt is the reported line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { flowCallout } from './flowCallout';
import { FLOWS, reachProject } from './reachProject';
import { startServer } from '../lsp/client';

const SETTINGS = '{ "rules": { "flow-unknown-action": "off" }, "ignore": ["force-app/main/default/flows/legacy/**"] }';
const DEFINITION = 'callouts/Rates.callout.json';
// A definition with findings past its first lines: an unknown method and an undeclared merge field.
const DEFINITION_TEXT = [
  '{',
  '  "name": "RatesApi",',
  '  "namedCredential": "Rates",',
  '  "operation": "getLatest",',
  '  "method": "FETCH",',
  '  "path": "/latest/{!currency}",',
  '  "responses": { "2XX": { "sample": { "rate": 1.5 } } }',
  '}',
  '',
].join('\n');

/** Every LF replaced, in turn, by the given endings. */
function withEndings(text: string, endings: string[]): string {
  let i = 0;
  return text.replace(/\n/g, () => endings[i++ % endings.length]);
}

let lf: string;
let mixed: string;

function project(endings: { rates: string[]; pricing: string[]; definition: string[] } | undefined): string {
  const dir = reachProject(SETTINGS);
  fs.mkdirSync(path.join(dir, 'callouts'));
  fs.writeFileSync(path.join(dir, DEFINITION), DEFINITION_TEXT);
  if (endings) {
    for (const [file, with_] of [[`${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml`, endings.rates], [`${FLOWS}/Opportunity_Pricing.flow-meta.xml`, endings.pricing], [DEFINITION, endings.definition]] as const) {
      const at = path.join(dir, file);
      fs.writeFileSync(at, withEndings(fs.readFileSync(at, 'utf8'), [...with_]));
    }
  }
  return dir;
}

before(() => {
  lf = project(undefined);
  mixed = project({ rates: ['\r'], pricing: ['\r', '\r\n', '\n'], definition: ['\r\n', '\r'] });
});
after(() => {
  for (const dir of [lf, mixed]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface JsonProblem {
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related?: { file?: string; line?: number; character?: number; length: number; message: string }[];
}

function validateJson(dir: string): Map<string, JsonProblem[]> {
  const r = flowCallout(['validate', '.', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const out = new Map<string, JsonProblem[]>();
  for (const f of JSON.parse(r.stdout) as { file: string; problems: JsonProblem[] }[]) out.set(path.relative(dir, f.file).split(path.sep).join('/'), f.problems);
  return out;
}

/** A problem as its position and message (related: the file relative to the project, its position). */
const where = (dir: string, p: JsonProblem) => ({
  code: p.code, message: p.message, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn,
  related: (p.related ?? []).map((r) => ({ file: r.file && path.relative(dir, r.file), line: r.line, character: r.character, length: r.length })),
});

test('CR-only and mixed line endings: the CLI\'s line:column equal the server\'s ranges and the LF project\'s', async () => {
  const cliMixed = validateJson(mixed);
  const cliLf = validateJson(lf);
  const files = [`${FLOWS}/Opportunity_Pricing.flow-meta.xml`, DEFINITION];
  for (const file of files) {
    assert.ok((cliMixed.get(file) ?? []).length >= 2, `${file}: findings to compare: ${JSON.stringify(cliMixed.get(file))}`);
    assert.ok(cliMixed.get(file)!.some((p) => p.line > 3), `${file}: a finding past the first lines`);
    assert.deepEqual(cliMixed.get(file)!.map((p) => where(mixed, p)), cliLf.get(file)!.map((p) => where(lf, p)), file);
  }
  const pricing = cliMixed.get(files[0])!;
  assert.ok(pricing.some((p) => p.related?.some((r) => r.file && r.line! > 0)), 'a related location in the CR-only subflow, past its first line');

  const server = await startServer(mixed);
  try {
    for (const file of files) {
      const abs = path.join(mixed, file);
      const pending = server.diagnostics(pathToFileURL(abs).toString());
      await server.open(abs, fs.readFileSync(abs, 'utf8'), file.endsWith('.json') ? 'json' : 'flow-metadata-xml');
      const diagnostics: Diagnostic[] = await pending;
      const lsp = diagnostics.map((d) => ({
        code: d.code, message: d.message, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
        related: (d.relatedInformation ?? []).map((r) => ({ file: path.relative(mixed, new URL(r.location.uri).pathname), line: r.location.range.start.line, character: r.location.range.start.character, length: r.location.range.end.character - r.location.range.start.character })),
      }));
      const byPosition = (a: { line: number; column: number; code: unknown }, b: { line: number; column: number; code: unknown }) => a.line - b.line || a.column - b.column || String(a.code).localeCompare(String(b.code));
      assert.deepEqual(cliMixed.get(file)!.map((p) => where(mixed, p)).sort(byPosition), lsp.sort(byPosition), file);
    }
  } finally {
    await server.stop();
  }
});

test('the text output prints the reported line as the excerpt, and SARIF the same regions, on mixed endings', () => {
  const text = flowCallout(['validate', '.'], { cwd: mixed });
  const sarif = JSON.parse(flowCallout(['validate', '.', '--format', 'sarif'], { cwd: mixed }).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[] }[] };
  const json = validateJson(mixed);
  const lines = text.stdout.split('\n');
  let checked = 0;
  for (const [file, problems] of json) {
    const source = fs.readFileSync(path.join(mixed, file), 'utf8').split(/\r\n|\r|\n/);
    for (const p of problems) {
      const at = lines.indexOf(lines.find((l) => l.startsWith(`${file}:${p.line}:${p.column}: `) && l.endsWith(`[${p.code}]`))!);
      assert.ok(at >= 0, `${file}:${p.line}:${p.column} ${p.code} in the text output`);
      // The excerpt (after any ↳ related lines) is the source line, and the carets start at the column.
      let e = at + 1;
      while (lines[e]?.startsWith('  ↳ ')) e++;
      assert.equal(lines[e], `  ${source[p.line - 1]}`, `${file}:${p.line}`);
      assert.equal(lines[e + 1].indexOf('^'), 2 + p.column - 1);
      const region = sarif.runs[0].results.find((r) => r.ruleId === p.code && r.locations[0].physicalLocation.artifactLocation.uri === file && r.locations[0].physicalLocation.region.startLine === p.line)?.locations[0].physicalLocation.region;
      assert.deepEqual(region, { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn });
      checked++;
    }
  }
  assert.ok(checked >= 4, `${checked} findings checked`);
});
