// Small builders for core tests: documents with ⟦marked⟧ expected ranges, and a validator over them.
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { validateCalloutText } from '../../server/src/core/validate/callout';
import type { Problem } from '../../server/src/core/model/problem';
import { ProjectIndex } from '../../server/src/core/project/index';
import { summarizeFlow } from '../../server/src/core/flow/summary';
import { nodeFs } from '../../server/src/core/project/fs';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const examplesRoot = path.join(repoRoot, 'examples');
export const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus');

/** Strips ⟦ ⟧ markers and returns the text plus the marked ranges, in order. */
export function marked(src: string): { text: string; ranges: { offset: number; length: number }[] } {
  const ranges: { offset: number; length: number }[] = [];
  let text = '';
  const open: number[] = [];
  for (const ch of src) {
    if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') {
      const start = open.pop()!;
      ranges.push({ offset: start, length: text.length - start });
    } else text += ch;
  }
  ranges.sort((a, b) => a.offset - b.offset);
  return { text, ranges };
}

export function validate(text: string, fileName = 'test.callout.yaml', project?: ProjectIndex): Problem[] {
  return validateCalloutText(text, fileName, { project });
}

/** Asserts that rule `code` reports exactly the marked ranges (and returns those problems). */
export function expectRanges(src: string, code: string, options: { fileName?: string; project?: ProjectIndex } = {}): Problem[] {
  const { text, ranges } = marked(src);
  const found = validate(text, options.fileName, options.project).filter((p) => p.code === code).sort((a, b) => a.offset - b.offset);
  assert.deepEqual(
    found.map((p) => text.slice(p.offset, p.offset + p.length)),
    ranges.map((r) => text.slice(r.offset, r.offset + r.length)),
    `ranges of ${code}; messages: ${found.map((p) => p.message).join(' | ')}`,
  );
  assert.deepEqual(found.map((p) => [p.offset, p.length]), ranges.map((r) => [r.offset, r.length]));
  return found;
}

let demo: Promise<ProjectIndex> | undefined;
export function demoProject(): Promise<ProjectIndex> {
  demo ??= ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  return demo;
}

/** A minimal valid definition, with `extra` YAML appended. */
export function def(extra = '', head = 'name: Svc\nnamedCredential: Cred\nmethod: POST\npath: /x\n'): string {
  return head + extra;
}
