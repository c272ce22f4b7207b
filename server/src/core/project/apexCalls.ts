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

/** An Apex action's callout: what shows it, and where its failures are caught when every path catches them. */
export interface ApexCallout {
  /** `new HttpRequest() (line 12)`, or the chain into helper classes. */
  evidence: string;
  /**
   * Where a callout failure is caught before it reaches the flow (`CarrierClient.track(), CarrierClient.cls
   * line 9`: the method and its catch), when no path found lets one through; undefined
   * otherwise. A timeout or connection failure is a CalloutException in Apex; a caught one does not fault the
   * flow (the action returns normally).
   */
  caught?: string;
}

/**
 * For an action class whose own text makes no callout: the chain of calls into project classes that reaches
 * one, as evidence (`Util.fetch() → new Http() (Util.cls line 7)`), or undefined.
 */
export function helperCalloutEvidence(cls: ApexClassInfo, lookup: ApexLookup, depth = APEX_CALL_DEPTH): string | undefined {
  return searchCallout(cls, lookup, depth, false)?.chain.join(' → ');
}

/**
 * The callout an Apex action makes in the flow's transaction (its own class's, else through helpers), and
 * whether its failures are caught: a path whose callout failures can reach the flow is looked for first; only
 * when there is none is the callout reported as caught, naming the catch.
 */
export function apexCallout(cls: ApexClassInfo, lookup: ApexLookup, depth = APEX_CALL_DEPTH): ApexCallout | undefined {
  const evidenceOf = (found: Found) => (cls.callsOut && cls.evidence ? cls.evidence : found.chain.join(' → '));
  const open = searchCallout(cls, lookup, depth, true);
  if (open) return { evidence: evidenceOf(open) };
  const any = searchCallout(cls, lookup, depth, false);
  if (any?.caught) return { evidence: evidenceOf(any), caught: any.caught };
  if (cls.callsOut && cls.evidence) return { evidence: cls.evidence };
  return any ? { evidence: any.chain.join(' → ') } : undefined;
}

interface Found {
  chain: string[];
  /** The first catch on the chain that handles the callout's failures. */
  caught?: string;
}

/**
 * Depth-first from the action class's methods to a callout sign. `uncaught`: only through calls made outside
 * a try that catches callout failures, to a sign whose sends are not caught (a path that lets a failure out).
 * Callout signs in the action's own class count when `cls.callsOut` (readApexClass saw them).
 */
function searchCallout(cls: ApexClassInfo, lookup: ApexLookup, depth: number, uncaught: boolean): Found | undefined {
  if (cls.handsOff || cls.isTest) return undefined;
  const seen = new Set<string>();
  const catchAt = (c: ApexClassInfo, m: ApexMethodInfo, line: number) => `${c.name}.${m.name}(), ${c.name}.cls line ${line}`;
  const visit = (c: ApexClassInfo, method: string, left: number): Found | undefined => {
    if (left <= 0 || c.isTest || c.allowsCallouts) return undefined;
    const key = `${c.name.toLowerCase()}.${method.toLowerCase()}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    for (const m of c.methods.get(method.toLowerCase()) ?? []) {
      const hit = within(c, m, left);
      if (hit) return { ...hit, chain: [`${c.name}.${m.name}()`, ...hit.chain] };
    }
    return undefined;
  };
  const signHit = (c: ApexClassInfo, m: ApexMethodInfo): Found | undefined => {
    if (!m.sign || (uncaught && m.sign.caughtAt !== undefined)) return undefined;
    return { chain: [`${m.sign.label} (${c.name}.cls line ${m.sign.line})`], caught: m.sign.caughtAt !== undefined ? catchAt(c, m, m.sign.caughtAt) : undefined };
  };
  const within = (c: ApexClassInfo, m: ApexMethodInfo, left: number): Found | undefined => {
    if (m.async) return undefined;
    return signHit(c, m) ?? follow(c, m, left - 1);
  };
  const follow = (c: ApexClassInfo, m: ApexMethodInfo, left: number): Found | undefined => {
    const through = (name: string, hit: Found | undefined): Found | undefined => {
      if (!hit) return undefined;
      const guard = m.guardedCalls.get(name.toLowerCase());
      return guard !== undefined && !hit.caught ? { ...hit, caught: catchAt(c, m, guard) } : hit;
    };
    const allowed = (name: string) => !uncaught || m.unguardedCalls.has(name.toLowerCase());
    for (const [type, name] of m.qualifiedCalls) {
      const target = lookup(type);
      const hit = target && allowed(name) ? through(name, visit(target, name, left)) : undefined;
      if (hit) return hit;
    }
    for (const name of m.localCalls) {
      const hit = allowed(name) ? through(name, visit(c, name, left)) : undefined;
      if (hit) return hit;
    }
    for (const type of m.news) {
      const target = lookup(type);
      if (!target || target === c) continue;
      for (const name of m.memberCalls) {
        if (!target.methods.has(name.toLowerCase()) || !allowed(name)) continue;
        const hit = through(name, visit(target, name, left));
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
      // Its own signs count where readApexClass counted them (cls.callsOut: not handed off, not a test).
      const hit = (cls.callsOut ? signHit(cls, m) : undefined) ?? follow(cls, m, depth);
      if (hit) return hit;
    }
  }
  return undefined;
}
