// Decision conditions, evaluated the way Flow does, with a third answer: "cannot tell" when a value is
// unknown or Salesforce's behaviour for the case is not documented.
// Sources (docs/salesforce-facts.md "Flow run"): Help "Flow Operators in Decision, Wait, and Collection Filter
// Elements" (platform.flow_ref_operators_condition.htm): text comparisons are case-insensitive (text, picklist,
// multi-select picklist) except comparisons of case-sensitive Salesforce IDs; Is Changed is always false when
// the record is created and is not supported on asynchronous or scheduled paths; Was Set is true whenever the
// field has a value, false when it is null or blank. Operator names: Metadata API FlowComparisonOperator.
import { describe, isUnknown, type Value } from './values';

export type Tri = true | false | { why: string };

export function triWhy(t: Tri): string | undefined {
  return typeof t === 'object' ? t.why : undefined;
}

const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export interface ConditionContext {
  /** `$Record__Prior`'s value for an Is Changed on `$Record.X` (unknown when not given). */
  prior(ref: string): Value;
  /** True when the flow runs on record create (Is Changed is then always false). */
  onCreate: boolean;
}

export function compare(left: Value, operator: string, right: Value, leftRef: string, ctx: ConditionContext): Tri {
  if (operator === 'IsChanged') return isChanged(left, right, leftRef, ctx);
  if (isUnknown(left)) return { why: `${leftRef} is ${describe(left)}` };
  if (isUnknown(right)) return { why: `the value compared with is ${describe(right)}` };
  switch (operator) {
    case 'EqualTo':
      return equals(left, right);
    case 'NotEqualTo':
      return not(equals(left, right));
    case 'GreaterThan':
    case 'GreaterThanOrEqualTo':
    case 'LessThan':
    case 'LessThanOrEqualTo':
      return order(left, right, operator);
    case 'Contains':
      return contains(left, right);
    case 'StartsWith':
    case 'EndsWith':
      return affix(left, right, operator);
    case 'IsNull': {
      if (typeof left === 'string' && left === '') return { why: `${leftRef} is empty text; whether Flow counts it as null is not documented` };
      const isNull = left === null || left === undefined;
      return right === false ? !isNull : isNull;
    }
    case 'IsBlank': {
      const blank = left === null || left === undefined || left === '';
      return right === false ? !blank : blank;
    }
    case 'IsEmpty': {
      if (!Array.isArray(left) && left !== null) return { why: `${leftRef} is not a collection` };
      const empty = left === null || left.length === 0;
      return right === false ? !empty : empty;
    }
    case 'WasSet': {
      const set = !(left === null || left === undefined || left === '');
      return right === false ? !set : set;
    }
    default:
      return { why: `the ${operator} operator needs the org or a screen; not evaluated here` };
  }
}

function isChanged(left: Value, right: Value, leftRef: string, ctx: ConditionContext): Tri {
  if (!/^\$Record(\.|$)/i.test(leftRef)) return { why: `Is Changed applies to $Record fields; ${leftRef} is not one` };
  if (ctx.onCreate) return right === false;
  const before = ctx.prior(leftRef);
  if (isUnknown(left)) return { why: `${leftRef} is ${describe(left)}` };
  if (isUnknown(before)) return { why: `the prior value of ${leftRef} is ${describe(before)}` };
  const changed = not(equals(left, before));
  if (typeof changed === 'object') return changed;
  return right === false ? !changed : changed;
}

function not(t: Tri): Tri {
  return typeof t === 'object' ? t : !t;
}

function asNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function equals(a: Value, b: Value): Tri {
  if (a === null || a === undefined || b === null || b === undefined) {
    const an = a === null || a === undefined;
    const bn = b === null || b === undefined;
    if (an && bn) return true;
    if (a === '' || b === '') return { why: 'empty text compared with null: whether Flow treats them alike is not documented' };
    return false;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    if (x === undefined || y === undefined) return { why: `${describe(a)} and ${describe(b)} are not both numbers` };
    return x === y;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (typeof a !== typeof b) return { why: `${describe(a)} and ${describe(b)} are not both Booleans` };
    return a === b;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const ci = a.toLowerCase() === b.toLowerCase();
    // Text compares case-insensitively, Salesforce IDs case-sensitively; a mixed-case near miss between
    // values shaped like IDs cannot be told apart here.
    if (ci && a !== b && (SF_ID.test(a) || SF_ID.test(b))) return { why: `${describe(a)} and ${describe(b)} differ only in case; Flow compares Salesforce IDs case-sensitively` };
    return ci;
  }
  return { why: `comparing ${describe(a)} with ${describe(b)} is not evaluated here` };
}

function order(a: Value, b: Value, op: string): Tri {
  if (a === null || a === undefined || b === null || b === undefined) return { why: `${op} with null: Flow's answer is not documented` };
  let x: number | undefined = asNumber(a);
  let y: number | undefined = asNumber(b);
  if ((x === undefined || y === undefined) && typeof a === 'string' && typeof b === 'string' && !Number.isNaN(Date.parse(a)) && !Number.isNaN(Date.parse(b))) {
    x = Date.parse(a);
    y = Date.parse(b);
  }
  if (x === undefined || y === undefined) return { why: `${describe(a)} and ${describe(b)} cannot be ordered here` };
  switch (op) {
    case 'GreaterThan':
      return x > y;
    case 'GreaterThanOrEqualTo':
      return x >= y;
    case 'LessThan':
      return x < y;
    default:
      return x <= y;
  }
}

function contains(a: Value, b: Value): Tri {
  if (Array.isArray(a)) {
    let undecided: Tri | undefined;
    for (const item of a) {
      const e = equals(item, b);
      if (e === true) return true;
      if (typeof e === 'object') undecided = e;
    }
    return undecided ?? false;
  }
  if (a === null || a === undefined) return false;
  if (typeof a !== 'string' || (typeof b !== 'string' && typeof b !== 'number')) return { why: `Contains on ${describe(a)} is not evaluated here` };
  return a.toLowerCase().includes(String(b).toLowerCase());
}

function affix(a: Value, b: Value, op: string): Tri {
  if (a === null || a === undefined) return false;
  if (typeof a !== 'string' || typeof b !== 'string') return { why: `${op} on ${describe(a)} is not evaluated here` };
  return op === 'StartsWith' ? a.toLowerCase().startsWith(b.toLowerCase()) : a.toLowerCase().endsWith(b.toLowerCase());
}

// ---- condition logic: `and`, `or`, or custom (`1 AND (2 OR NOT 3)`) in Kleene three-valued logic --------

export function combine(logic: string | undefined, results: Tri[]): Tri {
  const l = (logic ?? 'and').trim().toLowerCase();
  if (l === 'and' || l === '') return results.reduce<Tri>((acc, r) => and(acc, r), true);
  if (l === 'or') return results.reduce<Tri>((acc, r) => or(acc, r), false);
  const tokens = (logic ?? '').match(/\d+|\(|\)|AND|OR|NOT/gi) ?? [];
  let pos = 0;
  const bad: Tri = { why: `the condition logic "${logic}" could not be read` };
  // expr := term (OR term)* ; term := factor (AND factor)* ; factor := NOT factor | ( expr ) | number
  const expr = (): Tri => {
    let v = term();
    while (tokens[pos]?.toUpperCase() === 'OR') { pos++; v = or(v, term()); }
    return v;
  };
  const term = (): Tri => {
    let v = factor();
    while (tokens[pos]?.toUpperCase() === 'AND') { pos++; v = and(v, factor()); }
    return v;
  };
  const factor = (): Tri => {
    const t = tokens[pos++];
    if (t === undefined) return bad;
    if (t.toUpperCase() === 'NOT') return not(factor());
    if (t === '(') {
      const v = expr();
      if (tokens[pos] === ')') pos++;
      return v;
    }
    const i = Number(t) - 1;
    return results[i] ?? bad;
  };
  const v = expr();
  return pos === tokens.length ? v : bad;
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true) return b;
  return a;
}

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false) return b;
  return a;
}
