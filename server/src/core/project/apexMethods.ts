// What each method of an Apex class does, read from its text with comments and strings blanked
// (project/apex.ts): its own callout signs and the calls it makes, so project/apexCalls.ts can follow an
// action into helper classes.

export const CALLOUT_SIGNS: [RegExp, string][] = [
  [/\bnew\s+Http\s*\(\s*\)/i, 'new Http()'],
  [/\bnew\s+HttpRequest\s*\(/i, 'new HttpRequest()'],
  [/\bWebServiceCallout\s*\.\s*invoke\s*\(/i, 'WebServiceCallout.invoke'],
  [/\bnew\s+ExternalService\s*\.\s*\w+/i, 'an ExternalService stub'],
  [/\bContinuation\b/i, 'a Continuation'],
];
/** The first callout sign in `code` (blanked) between `from` and `to`, with its 1-based line in the file. */
export function calloutSign(code: string, from = 0, to = code.length): ApexCalloutSign | undefined {
  let best: { label: string; index: number } | undefined;
  const slice = code.slice(from, to);
  for (const [re, label] of CALLOUT_SIGNS) {
    const m = re.exec(slice);
    if (m && (!best || m.index < best.index)) best = { label, index: m.index };
  }
  return best ? { label: best.label, line: code.slice(0, from + best.index).split('\n').length } : undefined;
}

export interface ApexCalloutSign {
  label: string;
  line: number;
  /**
   * 1-based line of the `catch` that handles the method's callout failures: every request the method sends
   * (`.send(…)`, `WebServiceCallout.invoke(…)`) sits in a `try` whose first catch that covers a
   * CalloutException (`Exception`, `CalloutException`) does not throw again. Undefined when any send is
   * outside such a try, or when the method sends nothing itself (then nothing is claimed).
   */
  caughtAt?: number;
}

export interface ApexMethodInfo {
  name: string;
  /** 1-based line of the declaration. */
  line: number;
  /** `@future`: runs in another transaction. */
  async: boolean;
  /** The method's own first callout sign. */
  sign?: ApexCalloutSign;
  /** `Type.method(` pairs (the type may be a variable or a system class; resolved against the project later). */
  qualifiedCalls: [string, string][];
  /** Methods called with no receiver (`fetch(`): the same class. */
  localCalls: string[];
  /** Methods called on any receiver (`.fetch(`), with the classes constructed here (`new Util(`). */
  memberCalls: string[];
  news: string[];
  /**
   * Lower-case names of the methods this one calls at least once outside a try that catches callout
   * failures (see ApexCalloutSign.caughtAt); a name called only inside such tries maps to the catch's line
   * in `guardedCalls` instead.
   */
  unguardedCalls: Set<string>;
  guardedCalls: Map<string, number>;
}

const NOT_METHODS = new Set(['if', 'for', 'while', 'catch', 'switch', 'return', 'new', 'else', 'do', 'try', 'when', 'throw', 'super', 'this', 'insert', 'update', 'delete', 'upsert', 'merge', 'undelete']);
const DECLARATION = /([\w.<>,[\]]+(?:\s*<[^;{}()]*>)?)\s+(\w+)\s*\(([^;{}()]*)\)\s*(?:throws\s+[\w.,\s]+)?\{/g;
const QUALIFIED = /\b([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s*\(/g;
const CALL = /\b([A-Za-z_]\w*)\s*\(/g;
const MEMBER = /\.\s*([A-Za-z_]\w*)\s*\(/g;
const NEW = /\bnew\s+([A-Za-z_]\w*)\s*\(/g;

/** Methods of a class from its blanked code, by lower-case name (overloads share a name). */
export function readApexMethods(code: string): Map<string, ApexMethodInfo[]> {
  const out = new Map<string, ApexMethodInfo[]>();
  DECLARATION.lastIndex = 0;
  for (let m = DECLARATION.exec(code); m; m = DECLARATION.exec(code)) {
    const name = m[2];
    if (NOT_METHODS.has(name.toLowerCase()) || NOT_METHODS.has(m[1].toLowerCase()) || m[1] === 'new') continue;
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(code, open);
    // Annotations and modifiers: back to the previous statement or block boundary.
    let head = m.index;
    while (head > 0 && !';{}'.includes(code[head - 1])) head--;
    const body = code.slice(open + 1, close);
    const info: ApexMethodInfo = {
      name, line: code.slice(0, m.index).split('\n').length, async: /@future\b/i.test(code.slice(head, m.index)),
      sign: calloutSign(code, open + 1, close), qualifiedCalls: [], localCalls: [], memberCalls: [], news: [],
      unguardedCalls: new Set(), guardedCalls: new Map(),
    };
    const guards = calloutGuards(code, open + 1, close);
    const guardOf = (at: number) => guards.find((g) => g.from <= at && at < g.to)?.line;
    if (info.sign) {
      const sends = [...body.matchAll(SEND)].map((s) => guardOf(open + 1 + s.index!));
      if (sends.length > 0 && sends.every((line) => line !== undefined)) info.sign.caughtAt = sends[0];
    }
    for (const q of body.matchAll(ANY_CALL)) {
      const key = q[1].toLowerCase();
      if (NOT_METHODS.has(key)) continue;
      const line = guardOf(open + 1 + q.index!);
      if (line === undefined) info.unguardedCalls.add(key);
      else if (!info.guardedCalls.has(key)) info.guardedCalls.set(key, line);
    }
    for (const key of info.unguardedCalls) info.guardedCalls.delete(key);
    for (const q of body.matchAll(QUALIFIED)) info.qualifiedCalls.push([q[1], q[2]]);
    for (const q of body.matchAll(CALL)) {
      // No receiver: not after a dot, not a constructor, not a keyword.
      const before = body.slice(Math.max(0, q.index! - 8), q.index!);
      if (!NOT_METHODS.has(q[1].toLowerCase()) && !/\.\s*$/.test(before) && !/\bnew\s+$/.test(before)) info.localCalls.push(q[1]);
    }
    for (const q of body.matchAll(MEMBER)) info.memberCalls.push(q[1]);
    for (const q of body.matchAll(NEW)) info.news.push(q[1]);
    const key = name.toLowerCase();
    const list = out.get(key);
    if (list) list.push(info);
    else out.set(key, [info]);
    // Nested declarations (inner classes) are found by continuing after this header, not after the body.
    DECLARATION.lastIndex = open + 1;
  }
  return out;
}

const SEND = /\.\s*send\s*\(|\bWebServiceCallout\s*\.\s*invoke\s*\(/gi;
const ANY_CALL = /\b([A-Za-z_]\w*)\s*\(/g;
const TRY = /\btry\s*\{/g;
const CATCH = /^\s*catch\s*\(\s*([\w.]+)\s+\w+\s*\)\s*\{/i;
/** Exception types whose catch receives a CalloutException (Apex: CalloutException extends Exception). */
const CATCHES_CALLOUT = new Set(['exception', 'system.exception', 'calloutexception', 'system.calloutexception']);

/**
 * The `try` blocks between `from` and `to` whose callout failures are handled: the first `catch` covering a
 * CalloutException does not `throw` (a rethrow, or a new exception, still faults the flow). Apex reports a
 * timeout or a connection failure as a CalloutException, and an HTTP status as the response's status code,
 * never as an exception (Apex Developer Guide, "HttpResponse Class" / "Callout Limits and Limitations").
 */
function calloutGuards(code: string, from: number, to: number): { from: number; to: number; line: number }[] {
  const out: { from: number; to: number; line: number }[] = [];
  const body = code.slice(from, to);
  for (const t of body.matchAll(TRY)) {
    const open = from + t.index! + t[0].length - 1;
    const close = matchingBrace(code, open);
    let at = close + 1;
    for (;;) {
      const c = CATCH.exec(code.slice(at, Math.min(to, at + 200)));
      if (!c) break;
      const catchOpen = at + c[0].length - 1;
      const catchClose = matchingBrace(code, catchOpen);
      if (CATCHES_CALLOUT.has(c[1].toLowerCase())) {
        if (!/\bthrow\b/i.test(code.slice(catchOpen, catchClose))) {
          out.push({ from: open, to: close, line: code.slice(0, at + c[0].search(/catch/i)).split('\n').length });
        }
        break;
      }
      at = catchClose + 1;
    }
  }
  return out;
}

function matchingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return i;
  }
  return code.length;
}
