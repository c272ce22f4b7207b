// A ~1 MB flow for the keystroke bench, made from a real corpus flow: every named top-level element
// (actions, decisions, loops, screens, variables…) is followed by renamed copies of itself (`Name_b1`,
// `Name_b2`…), with the references inside each copy renamed the same way, so names stay unique, element
// groups stay together and the result is well-formed XML. Written under bench/.cache/ (git-ignored).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseXml, type XmlElement } from '../server/src/core/parse/xml';
import { corpusDir } from './lib';
import { corpusFlowFiles } from './flow';

/** The corpus flow the big one is made from (loops, decisions, DML, screens, subflows); else the largest flow. */
const PREFERRED_BASE = 'SMQS_Screen_Manage_ContactPoints.flow-meta.xml';

export interface BigFlow {
  text: string;
  base: string;
  copies: number;
  elements: number;
}

const nameOf = (el: XmlElement): string | undefined => el.children.find((c) => c.name === 'name' && !c.children.length)?.text;

export async function makeBigFlow(targetBytes = 1024 * 1024): Promise<BigFlow> {
  const files = await corpusFlowFiles(corpusDir);
  let base = files.find((f) => path.basename(f) === PREFERRED_BASE);
  if (!base) {
    const sizes = await Promise.all(files.map(async (f) => ({ f, size: (await fsp.stat(f)).size })));
    base = sizes.sort((a, b) => b.size - a.size)[0]?.f;
  }
  if (!base) throw new Error(`No flow under ${corpusDir} to build the 1 MB flow from.`);
  const text = await fsp.readFile(base, 'utf8');
  const xml = parseXml(text);
  if (!xml.root || xml.syntaxErrors.length) throw new Error(`${base} is not well-formed XML.`);
  const named = xml.root.children.filter((el) => el.name !== 'processMetadataValues' && nameOf(el));
  const names = [...new Set(named.map(nameOf) as string[])].filter((n) => /^[A-Za-z][A-Za-z0-9_]{2,}$/.test(n));
  // A name as a whole value (>Name<, >Name.Field<) or in a merge field ({!Name}, {!Name.Field}).
  const ref = new RegExp(`(>|\\{!)(${names.join('|')})(?=[<.}])`, 'g');
  const namedBytes = named.reduce((s, el) => s + el.length, 0);
  const copies = Math.max(1, Math.ceil((targetBytes - text.length) / namedBytes));

  const namedSet = new Set(named);
  let out = '';
  let at = 0;
  for (const el of xml.root.children) {
    if (!namedSet.has(el)) continue;
    const end = el.offset + el.length;
    out += text.slice(at, end);
    const chunk = text.slice(el.offset, end);
    const indent = text.slice(text.lastIndexOf('\n', el.offset) + 1, el.offset);
    for (let k = 1; k <= copies; k++) out += `\n${indent}${chunk.replace(ref, (_m, pre: string, n: string) => `${pre}${n}_b${k}`)}`;
    at = end;
  }
  out += text.slice(at);

  const check = parseXml(out);
  if (check.syntaxErrors.length || !check.root) throw new Error(`The generated flow is not well-formed: ${check.syntaxErrors[0]?.message}`);
  const outNames = check.root.children.filter((el) => el.name !== 'processMetadataValues').map(nameOf).filter(Boolean);
  if (new Set(outNames).size !== outNames.length) throw new Error('The generated flow has duplicate element names.');
  return { text: out, base, copies, elements: outNames.length };
}
