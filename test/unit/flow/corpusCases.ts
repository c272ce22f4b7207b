// The corpus flows (../shared/corpus, each with its repository's project index), seeded mutations of them,
// and hostile flow documents: corpus.test.ts checks what they produce, the bench (bench/budgets.ts) times them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { nodeFs } from '../../../server/src/core/project/fs';
import { corpusRoot } from '../helpers';
import { generateFlow } from './generate';

export interface CorpusFlow {
  file: string;
  text: string;
  project: ProjectIndex;
}

function flowFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) flowFiles(p, out);
    else if (/\.flow-meta\.xml$|\.flow$/.test(e.name)) out.push(p);
  }
  return out;
}

let loaded: Promise<CorpusFlow[]> | undefined;
/** Every corpus flow with the project index of its repository. */
export function corpus(): Promise<CorpusFlow[]> {
  loaded ??= (async () => {
    const out: CorpusFlow[] = [];
    for (const repo of fs.readdirSync(corpusRoot).sort()) {
      const root = path.join(corpusRoot, repo);
      if (!fs.statSync(root).isDirectory()) continue;
      const project = await ProjectIndex.load(root, nodeFs, { summarizeFlow });
      for (const file of flowFiles(root).sort()) out.push({ file, text: fs.readFileSync(file, 'utf8'), project });
    }
    return out;
  })();
  return loaded;
}

/** A small deterministic PRNG, so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function mutations(text: string, random: () => number): string[] {
  const at = () => Math.floor(random() * text.length);
  const out: string[] = [];
  for (let i = 0; i < 3; i++) out.push(text.slice(0, at()));
  const tags = [...text.matchAll(/<[A-Za-z][^<>]*>/g)];
  if (tags.length) {
    const tag = tags[Math.floor(random() * tags.length)];
    out.push(text.slice(0, tag.index) + text.slice(tag.index! + tag[0].length));
    const other = tags[Math.floor(random() * tags.length)];
    out.push(text.slice(0, other.index) + other[0] + text.slice(other.index));
  }
  let noisy = text;
  for (let i = 0; i < 20; i++) {
    const p = Math.floor(random() * noisy.length);
    noisy = noisy.slice(0, p) + String.fromCharCode(Math.floor(random() * 0xffff)) + noisy.slice(p + 1);
  }
  out.push(noisy);
  return out;
}

/** Documents that try to hurt the parser: deep nesting, entity expansion, empty and non-flow XML, a broken big flow. */
export function hostileFlows(): string[] {
  const deep = `<Flow xmlns="http://soap.sforce.com/2006/04/metadata">${'<screens><fields>'.repeat(5000)}<name>x</name>${'</fields></screens>'.repeat(5000)}</Flow>`;
  return [deep, LOL, '', '<', '<Flow>', '<Other/>', '\u0000\u0001<Flow><actionCalls><name>a</name></Flow>', generateFlow(20_000).replace(/<\/targetReference>/g, '')];
}

/** The billion-laughs entity expansion. */
export const LOL = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata"><formulas><name>f</name><expression>&lol9;</expression></formulas></Flow>`;
