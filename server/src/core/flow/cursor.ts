// What the cursor is in, in flow XML: a reference element, a `{!…}` merge field, an action's actionName,
// or an action's input/output parameter name — with the text typed so far and the range to replace.
import { elementAt, type XmlElement } from '../parse/xml';
import type { FlowAnalysis } from './analysis';
import type { FlowElement } from './model';
import { REFERENCE_TAGS } from './sites';

export interface Range {
  offset: number;
  length: number;
}

export type CursorContext =
  | { kind: 'reference'; target: boolean; prefix: string; replace: Range; el: XmlElement }
  | { kind: 'merge'; prefix: string; replace: Range; el: XmlElement }
  | { kind: 'actionName'; element?: FlowElement; replace: Range; el: XmlElement }
  | { kind: 'parameterName'; direction: 'input' | 'output'; element?: FlowElement; replace: Range; el: XmlElement };

const WORD = /[A-Za-z0-9_$]/;

export function cursorContext(analysis: FlowAnalysis, offset: number): CursorContext | undefined {
  const { model, text } = analysis;
  const el = elementAt(model.root, offset);
  if (!el || el.children.length || !el.contentOffset || offset < el.contentOffset || offset > el.contentEnd) return undefined;
  const typed = text.slice(el.contentOffset, offset);
  if (typed.includes('<') || typed.includes('>')) return undefined;
  const lineStart = Math.max(typed.lastIndexOf('\n') + 1, 0);
  const before = typed.slice(lineStart);
  const afterEnd = wordEnd(text, offset, el.contentEnd);

  const merge = before.lastIndexOf('{!');
  if (merge >= 0 && !before.slice(merge).includes('}')) {
    const prefix = before.slice(merge + 2).trimStart();
    return { kind: 'merge', prefix, replace: segmentRange(prefix, offset, afterEnd), el };
  }
  if (el.name === 'targetReference' || REFERENCE_TAGS.has(el.name)) {
    const prefix = before.trimStart();
    return { kind: 'reference', target: el.name === 'targetReference', prefix, replace: segmentRange(prefix, offset, afterEnd), el };
  }
  const owner = el.parent ? analysis.model.elements.get(el.parent.children.find((c) => c.name === 'name')?.text ?? '') : undefined;
  if (el.name === 'actionName' && el.parent?.name === 'actionCalls') {
    const start = el.contentOffset + (typed.length - typed.trimStart().length);
    const end = Math.max(offset, trimmedEnd(text, el.contentOffset, el.contentEnd));
    return { kind: 'actionName', element: owner, replace: { offset: start, length: end - start }, el };
  }
  if (el.name === 'name' && (el.parent?.name === 'inputParameters' || el.parent?.name === 'outputParameters') && el.parent.parent?.name === 'actionCalls') {
    const action = analysis.model.elements.get(el.parent.parent.children.find((c) => c.name === 'name')?.text ?? '');
    const start = el.contentOffset + (typed.length - typed.trimStart().length);
    const end = Math.max(offset, trimmedEnd(text, el.contentOffset, el.contentEnd));
    return { kind: 'parameterName', direction: el.parent.name === 'inputParameters' ? 'input' : 'output', element: action, replace: { offset: start, length: end - start }, el };
  }
  return undefined;
}

/** The range of the segment being typed: after the last `.` of the prefix, through the rest of the word. */
function segmentRange(prefix: string, offset: number, afterEnd: number): Range {
  const seg = prefix.length - prefix.lastIndexOf('.') - 1;
  return { offset: offset - seg, length: afterEnd - offset + seg };
}

function wordEnd(text: string, offset: number, limit: number): number {
  let i = offset;
  while (i < limit && WORD.test(text[i])) i++;
  return i;
}

function trimmedEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && /\s/.test(text[i - 1])) i--;
  return i;
}
