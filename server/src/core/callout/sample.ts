// "Save as sample": the text edit that replaces `responses.<key>.sample` with a response value — block YAML in
// a YAML definition, indented JSON in a JSON one — leaving every other byte of the file as it was.
import { stringify as stringifyYaml } from 'yaml';
import { findNodeAtPointer, parseCalloutText } from '../parse';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export function sampleEdit(text: string, fileName: string, key: string, value: unknown): TextEdit | { error: string } {
  const tree = parseCalloutText(text, fileName);
  const hit = findNodeAtPointer(tree.root, `/responses/${key.replace(/~/g, '~0').replace(/\//g, '~1')}/sample`);
  if (!hit.node || hit.rest.length || !hit.property) return { error: `There is no responses.${key}.sample to replace: add it, then save again.` };
  const node = hit.node;
  // A block node's range runs to the start of the next line: keep the line break and what follows.
  let end = node.offset + node.length;
  while (end > node.offset && /\s/.test(text[end - 1])) end--;
  const keyLineStart = text.lastIndexOf('\n', hit.property.keyOffset - 1) + 1;
  const keyIndent = /^[ \t]*/.exec(text.slice(keyLineStart))![0];
  const indent = `${keyIndent}  `;
  if (tree.flavour === 'json') {
    const json = JSON.stringify(value, null, 2).split('\n').map((l, i) => (i === 0 ? l : keyIndent + l)).join('\n');
    return { offset: node.offset, length: end - node.offset, newText: json };
  }
  // YAML: from just after `sample:` to the end of the old value, so block and flow styles are both replaced.
  const colon = text.indexOf(':', hit.property.keyOffset + hit.property.keyLength);
  const yaml = stringifyYaml(value, { indent: 2, lineWidth: 0 }).trimEnd();
  const block = value !== null && typeof value === 'object' && Object.keys(value).length > 0;
  const newText = block ? `\n${yaml.split('\n').map((l) => indent + l).join('\n')}` : ` ${yaml}`;
  return { offset: colon + 1, length: end - (colon + 1), newText };
}
