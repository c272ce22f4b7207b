// Following an Apex action into the project's helper classes: an @InvocableMethod that calls `Util.fetch()`,
// where `Util.fetch` does `new Http().send(…)`, makes a callout in the flow's transaction (reference C6: "a
// callout may sit in a helper class the action calls"). Methods are read from the class text with comments and
// strings blanked (project/apex.ts), so braces delimit bodies. Calls are followed method by method — a helper
// class with one callout method does not make every caller a callout — through static calls (`Util.fetch(`),
// calls on a `new Util()` instance, and calls inside the same class; @future methods and Queueable/Batchable
// classes with Database.AllowsCallouts run in another transaction and are not followed. Depth-limited and
// cycle-safe. A heuristic that stays quiet when unsure: a call it cannot place (an interface, a variable
// whose class it cannot see) is not followed.
import { calloutSign, type ApexClassInfo } from './apex';

export interface ApexMethodInfo {
  name: string;
  /** 1-based line of the declaration. */
  line: number;
  /** `@future`: runs in another transaction. */
  async: boolean;
  /** The method's own first callout sign. */
  sign?: { label: string; line: number };
  /** `Type.method(` pairs (the type may be a variable or a system class; resolved against the project later). */
  qualifiedCalls: [string, string][];
  /** Methods called with no receiver (`fetch(`): the same class. */
  localCalls: string[];
  /** Methods called on any receiver (`.fetch(`), with the classes constructed here (`new Util(`). */
  memberCalls: string[];
  news: string[];
}

/** Followed at most this many calls deep from the action's class (the issue asks for at least 3). */
export const APEX_CALL_DEPTH = 6;

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
    };
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

function matchingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return i;
  }
  return code.length;
}

/** A project class by name, without case (Apex names are case-insensitive). */
export type ApexLookup = (name: string) => ApexClassInfo | undefined;

/**
 * For an action class whose own text makes no callout: the chain of calls into project classes that reaches
 * one, as evidence (`Util.fetch() → new Http() (Util.cls line 7)`), or undefined.
 */
export function helperCalloutEvidence(cls: ApexClassInfo, lookup: ApexLookup, depth = APEX_CALL_DEPTH): string | undefined {
  if (cls.handsOff || cls.isTest) return undefined;
  const seen = new Set<string>();
  const visit = (c: ApexClassInfo, method: string, left: number): string[] | undefined => {
    if (left <= 0 || c.isTest || c.allowsCallouts) return undefined;
    const key = `${c.name.toLowerCase()}.${method.toLowerCase()}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    for (const m of c.methods.get(method.toLowerCase()) ?? []) {
      if (m.async) continue;
      const here = `${c.name}.${m.name}()`;
      if (m.sign) return [here, `${m.sign.label} (${c.name}.cls line ${m.sign.line})`];
      const deeper = follow(c, m, left - 1);
      if (deeper) return [here, ...deeper];
    }
    return undefined;
  };
  const follow = (c: ApexClassInfo, m: ApexMethodInfo, left: number): string[] | undefined => {
    for (const [type, name] of m.qualifiedCalls) {
      const target = lookup(type);
      const hit = target && visit(target, name, left);
      if (hit) return hit;
    }
    for (const name of m.localCalls) {
      const hit = visit(c, name, left);
      if (hit) return hit;
    }
    for (const type of m.news) {
      const target = lookup(type);
      if (!target || target === c) continue;
      for (const name of m.memberCalls) {
        if (!target.methods.has(name.toLowerCase())) continue;
        const hit = visit(target, name, left);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  // The action's own class was read whole (readApexClass); its calls are followed from every method.
  for (const list of cls.methods.values()) {
    for (const m of list) {
      seen.add(`${cls.name.toLowerCase()}.${m.name.toLowerCase()}`);
    }
  }
  for (const list of cls.methods.values()) {
    for (const m of list) {
      if (m.async) continue;
      const chain = follow(cls, m, depth);
      if (chain) return chain.join(' → ');
    }
  }
  return undefined;
}
