// What the index keeps of an Apex class: whether it is an invocable action (a Flow "Apex action") and whether
// it makes HTTP callouts in the flow's transaction. Read from the source text with comments and string
// contents blanked first, so a commented-out `new Http()` or a log message does not count. A heuristic over
// the class's own text, tuned to stay quiet when unsure: callouts handed to @future(callout=true) or a
// Queueable with Database.AllowsCallouts run in another transaction, so they do not make the action a
// callout. What each method calls is kept too (readApexMethods), so project/apexCalls.ts can follow an
// action into the helper classes that make its callouts.
import { CALLOUT_SIGNS, readApexMethods, type ApexMethodInfo } from './apexMethods';

export interface ApexClassInfo {
  name: string;
  file: string;
  /** Has an `@InvocableMethod`: Flow can call it as an Apex action. */
  invocable: boolean;
  /** Makes an HTTP callout in the calling transaction (see callsOutEvidence). */
  callsOut: boolean;
  /** What shows the callout, with its 1-based line: `new HttpRequest() (line 12)`. */
  evidence?: string;
  isTest: boolean;
  /** `@InvocableMethod(callout=true)`: Flow may commit pending work before the action (reference C6). */
  invocableCallout: boolean;
  /** Methods by lower-case name: their own callout signs and the calls they make (project/apexCalls.ts). */
  methods: Map<string, ApexMethodInfo[]>;
  /** Hands callouts to another transaction (@future(callout=true) or Database.AllowsCallouts somewhere in it). */
  handsOff: boolean;
  /** A Queueable/Batchable with Database.AllowsCallouts: its methods run in their own transaction. */
  allowsCallouts: boolean;
}

const ASYNC_HANDOFF = /@future\s*\(\s*callout\s*=\s*true\s*\)|\bDatabase\s*\.\s*AllowsCallouts\b/i;

/** Comments and the contents of string literals replaced by spaces (offsets and lines kept). */
export function blankCommentsAndStrings(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '/' && n === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && n === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'" && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += "'" + ' '.repeat(Math.max(0, Math.min(j, text.length) - i - 1)) + (j < text.length && text[j] === "'" ? "'" : '');
      i = j < text.length && text[j] === "'" ? j + 1 : j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function readApexClass(name: string, file: string, text: string): ApexClassInfo {
  const code = blankCommentsAndStrings(text);
  const invocable = /@InvocableMethod\b/i.test(code);
  // callout=true sits among the annotation's arguments; string arguments (label='…') are blanked.
  const invocableCallout = /@InvocableMethod\s*\(([^)]*)\)/i.exec(code)?.[1].match(/\bcallout\s*=\s*true\b/i) != null;
  const isTest = /@isTest\b/i.test(code);
  let evidence: string | undefined;
  let first = Infinity;
  for (const [re, label] of CALLOUT_SIGNS) {
    const m = re.exec(code);
    if (m && m.index < first) {
      first = m.index;
      evidence = `${label} (line ${code.slice(0, m.index).split('\n').length})`;
    }
  }
  // A callout endpoint written as a named credential URL ('callout:Name/...') also counts; it is inside a string.
  if (!evidence) {
    const m = /'callout:[A-Za-z_]/.exec(text);
    if (m && code[m.index] === "'") evidence = `a callout: endpoint (line ${text.slice(0, m.index).split('\n').length})`;
  }
  const handedOff = ASYNC_HANDOFF.test(code);
  return {
    name, file, invocable, isTest, callsOut: !!evidence && !handedOff && !isTest, evidence: evidence && !handedOff ? evidence : undefined,
    invocableCallout, handsOff: handedOff, allowsCallouts: /\bDatabase\s*\.\s*AllowsCallouts\b/i.test(code), methods: isTest ? new Map() : readApexMethods(code),
  };
}
