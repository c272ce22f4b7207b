// What a reference means at this point of the run: variables (their default, what the given inputs say, what
// the run assigned), the callout's outputs, other elements' outputs, formulas and text templates evaluated
// on read, constants, and the globals a test can know. Anything set before the callout by an element the run
// did not execute, and anything only the org knows ($User, Get Records results), is unknown.
import { child, childText, type XmlElement } from '../parse/xml';
import type { FlowModel, FlowResourceDecl } from '../flow/model';
import { evaluateFormula } from './formula';
import { isUnknown, parseJsonLiteral, PartialObjects, readPath, unknown, writePath, type Value } from './values';

/** What the caller knows at the moment the callout returns. */
export interface RunInputs {
  /** `$Record` (and `$Record__Prior`) as given by a Flow Test or test inputs; fields not given are unknown. */
  record?: Record<string, unknown>;
  recordPrior?: Record<string, unknown>;
  /** Values of the flow's input variables (and any other variable) by name. */
  variables?: Record<string, unknown>;
  /** The clock for $Flow.CurrentDate / CurrentDateTime (tests pass a fixed one). */
  now?: Date;
}

/** Leaves whose text names what an element writes. */
const WRITE_TAGS = new Set(['assignToReference', 'outputReference', 'assignNextValueToReference', 'assignRecordIdToReference']);

const MERGE = /\{!\s*([^{}]*?)\s*\}/g;

export class RunScope {
  readonly partial = new PartialObjects();
  private readonly vars = new Map<string, Value>();
  /** Outputs of elements that ran (automatic outputs of actions, loop current items), by lower-case name. */
  private readonly elementValues = new Map<string, Value>();
  /** Variables and elements written before the callout by an element the run did not execute. */
  private readonly setBefore = new Map<string, string>();
  private readonly wasSet = new Set<string>();
  faultMessage?: string;
  private formulaDepth = 0;

  constructor(readonly model: FlowModel, readonly inputs: RunInputs, before: Set<string>) {
    for (const name of before) {
      const el = model.elements.get(name);
      if (!el) continue;
      this.setBefore.set(name.toLowerCase(), name);
      collectWrites(el.el, (target) => { if (!this.setBefore.has(target.toLowerCase())) this.setBefore.set(target.toLowerCase(), name); });
    }
    for (const [k, v] of Object.entries(inputs.variables ?? {})) {
      this.vars.set(k.toLowerCase(), v);
      this.wasSet.add(k.toLowerCase());
    }
  }

  get now(): Date {
    return this.inputs.now ?? new Date();
  }

  resource(name: string): FlowResourceDecl | undefined {
    const r = this.model.resources.get(name);
    if (r) return r;
    const lower = name.toLowerCase();
    for (const [k, v] of this.model.resources) if (k.toLowerCase() === lower) return v;
    return undefined;
  }

  /** The value of a reference as written in the flow (`Call.2XX.id`, `$Record.Email`, `status`). */
  read(ref: string): Value {
    const segments = ref.trim().split('.');
    const head = segments[0];
    const rest = segments.slice(1);
    if (head.startsWith('$')) return readPath(this.global(head, rest), head === '$Flow' || head === '$GlobalConstant' ? [] : rest, this.partial, head);
    const key = head.toLowerCase();
    if (this.vars.has(key)) return readPath(this.vars.get(key), rest, this.partial, head);
    if (this.elementValues.has(key)) return readPath(this.elementValues.get(key), rest, this.partial, head);
    const decl = this.resource(head);
    if (decl) return readPath(this.resourceValue(decl), rest, this.partial, head);
    const element = this.model.elements.get(head) ?? [...this.model.elements.values()].find((e) => e.name.toLowerCase() === key);
    if (element) {
      const by = this.setBefore.get(key);
      if (by) return unknown(`${head} runs before the callout; its outputs are not known here`);
      return null;
    }
    return unknown(`${head} is not a resource or element of this flow`);
  }

  private resourceValue(decl: FlowResourceDecl): Value {
    const key = decl.name.toLowerCase();
    switch (decl.kind) {
      case 'variable': {
        if (decl.isInput) return unknown(`${decl.name} is an input variable and no value is given (add it to the test inputs)`);
        const by = this.setBefore.get(key);
        if (by) return unknown(`${decl.name} is set by ${by} before the callout`);
        const v = literalOf(child(decl.el, 'value'), this);
        if (v === null && decl.isCollection) return [];
        return v;
      }
      case 'constant':
        return literalOf(child(decl.el, 'value'), this);
      case 'formula':
        return this.formula(decl);
      case 'textTemplate':
        return this.render(childText(decl.el, 'text') ?? '');
      default:
        return unknown(`${decl.name} is a ${decl.kind}: it needs a screen or the org`);
    }
  }

  private formula(decl: FlowResourceDecl): Value {
    if (this.formulaDepth > 20) return unknown(`${decl.name}: formulas refer to each other too deeply`);
    this.formulaDepth++;
    try {
      return evaluateFormula(childText(decl.el, 'expression') ?? '', decl.dataType, childText(decl.el, 'scale'), (ref) => ({ value: this.read(ref), dataType: this.declaredType(ref) }));
    } finally {
      this.formulaDepth--;
    }
  }

  /** The Flow data type a reference is declared with, when the flow says (`Date`, `Number`…). */
  declaredType(ref: string): string | undefined {
    const segments = ref.split('.');
    if (segments.length !== 1) return undefined;
    return this.resource(segments[0])?.dataType;
  }

  /** Text with `{!…}` merge fields filled; unknown when any of them is. */
  render(text: string): Value {
    let missing: string | undefined;
    const out = text.replace(MERGE, (_m, ref: string) => {
      const v = this.read(ref);
      if (isUnknown(v)) missing ??= v.why;
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    });
    return missing ? unknown(missing) : out;
  }

  private global(head: string, rest: string[]): Value {
    switch (head) {
      case '$Record':
        return this.inputs.record ? this.partial.mark({ ...this.inputs.record }) : unknown('$Record is not given (add a Flow Test or test inputs with its fields)');
      case '$Record__Prior':
        return this.inputs.recordPrior ? this.partial.mark({ ...this.inputs.recordPrior }) : unknown('$Record__Prior is not given');
      case '$GlobalConstant': {
        const c = (rest[0] ?? '').toLowerCase();
        if (c === 'true') return true;
        if (c === 'false') return false;
        if (c === 'emptystring') return '';
        return unknown(`$GlobalConstant.${rest[0] ?? ''} is not a Flow constant`);
      }
      case '$Flow': {
        const f = (rest[0] ?? '').toLowerCase();
        if (f === 'currentdate') return this.now.toISOString().slice(0, 10);
        if (f === 'currentdatetime') return this.now.toISOString();
        if (f === 'faultmessage') {
          return this.faultMessage === undefined ? null : unknown(`Salesforce's exact wording is not known; approximately "${this.faultMessage}"`);
        }
        return unknown(`$Flow.${rest[0] ?? ''} is only known in the org`);
      }
      default:
        return unknown(`${head} comes from the org`);
    }
  }

  /** Assigns `ref` (`var`, `var.field`); returns the previous and the new value. */
  write(ref: string, value: Value): void {
    const [head, ...rest] = ref.trim().split('.');
    const key = head.toLowerCase();
    const decl = this.resource(head);
    const name = decl?.name ?? head;
    const before = rest.length ? this.read(name) : null;
    this.vars.set(key, rest.length ? (isUnknown(before) ? unknown((before as { why: string }).why) : writePath(before, rest, value)) : value);
    this.wasSet.add(key);
    this.setBefore.delete(key);
  }

  /** Sets what an element exposes under its own name (automatic outputs, the current loop item). */
  setElementValue(name: string, value: Value): void {
    this.elementValues.set(name.toLowerCase(), value);
    this.setBefore.delete(name.toLowerCase());
  }

  isSetBefore(name: string): string | undefined {
    return this.setBefore.get(name.toLowerCase());
  }
}

/** Calls `fn` with every reference an element writes (`assignToReference`…), by its first segment. */
export function collectWrites(el: XmlElement, fn: (target: string) => void): void {
  const stack = [el];
  while (stack.length) {
    const cur = stack.pop()!;
    if (WRITE_TAGS.has(cur.name) && cur.text) fn(cur.text.split('.')[0]);
    for (const c of cur.children) stack.push(c);
  }
}

/** A `<value>` / `<rightValue>` (FlowElementReferenceOrValue): one literal or a reference. No element: null. */
export function literalOf(el: XmlElement | undefined, scope: RunScope): Value {
  if (!el) return null;
  for (const c of el.children) {
    const t = c.text;
    switch (c.name) {
      case 'stringValue':
        return t.includes('{!') ? scope.render(t) : t;
      case 'numberValue': {
        const n = Number(t);
        return t.trim() !== '' && Number.isFinite(n) ? n : unknown(`${JSON.stringify(t)} is not a number`);
      }
      case 'booleanValue':
        return t === 'true';
      case 'dateValue':
      case 'dateTimeValue':
        return t || null;
      case 'elementReference':
        return scope.read(t);
      case 'apexValue':
      case 'sobjectValue':
        return parseJsonLiteral(t);
      case 'formulaExpression':
        return evaluateFormula(t, childText(el, 'formulaDataType'), undefined, (ref) => ({ value: scope.read(ref), dataType: scope.declaredType(ref) }));
      default:
        if (c.name === 'formulaDataType') continue;
        return unknown(`a ${c.name} value is not evaluated here`);
    }
  }
  return null;
}
