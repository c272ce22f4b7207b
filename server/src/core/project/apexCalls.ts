// Following an Apex action into the project's helper classes: an @InvocableMethod that calls `Util.fetch()`,
// where `Util.fetch` does `new Http().send(…)`, makes a callout in the flow's transaction (reference C6: "a
// callout may sit in a helper class the action calls"). Methods are read from the class text with comments and
// strings blanked (project/apex.ts), so braces delimit bodies. Calls are followed method by method — a helper
// class with one callout method does not make every caller a callout — through static calls (`Util.fetch(`),
// calls on a `new Util()` instance, and calls inside the same class; @future methods and Queueable/Batchable
// classes with Database.AllowsCallouts run in another transaction and are not followed. Depth-limited and
// cycle-safe. A heuristic that stays quiet when unsure: a call it cannot place (an interface, a variable
// whose class it cannot see) is not followed.
import type { ApexClassInfo } from './apex';
import type { ApexMethodInfo } from './apexMethods';

/** Followed at most this many calls deep from the action's class (the issue asks for at least 3). */
export const APEX_CALL_DEPTH = 6;

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
