// Flow formulas evaluated by formulon (a maintained Salesforce formula evaluator, MIT): each `{!reference}`
// becomes an identifier whose value the run knows, or the formula is unknown. Flow writes references as
// merge fields; formulon reads bare identifiers, so they are renamed, never re-parsed here.
import { parse as formulonParse, type FormulonLiteral } from 'formulon';
import { isUnknown, unknown, type Value } from './values';

type Literal = FormulonLiteral;

const MERGE = /\{!\s*([^{}]*?)\s*\}/g;

/** What the formula reads: the value and, when declared, its Flow type (`Date`, `DateTime`, `Number`…). */
export type FormulaReader = (ref: string) => { value: Value; dataType?: string };

export function evaluateFormula(expression: string, dataType: string | undefined, scale: string | undefined, read: FormulaReader): Value {
  if (!expression.trim()) return unknown('the formula is empty');
  const identifiers: Record<string, Literal> = {};
  const names = new Map<string, string>();
  let missing: string | undefined;
  const text = expression.replace(MERGE, (_m, ref: string) => {
    let id = names.get(ref);
    if (!id) {
      id = `flowref${names.size}x`;
      names.set(ref, id);
      const { value, dataType: declared } = read(ref);
      if (isUnknown(value)) missing ??= `${ref}: ${value.why}`;
      else identifiers[id] = toLiteral(value, declared);
    }
    return id;
  });
  if (missing) return unknown(`the formula reads ${missing}`);
  let result: ReturnType<typeof formulonParse>;
  try {
    result = formulonParse(text, identifiers);
  } catch (e) {
    return unknown(`the formula could not be evaluated here (${(e as Error).message})`);
  }
  if (result.type === 'error') return unknown(`the formula could not be evaluated here: ${result.message}`);
  return fromLiteral(result.value, result.dataType, dataType, scale);
}

function toLiteral(v: Value, declared: string | undefined): Literal {
  if (v === null || v === undefined) return { type: 'literal', dataType: 'null', value: null };
  if (typeof v === 'boolean') return { type: 'literal', dataType: 'checkbox', value: v, options: {} };
  if (typeof v === 'number') {
    const [int, frac = ''] = Math.abs(v).toString().split('.');
    return { type: 'literal', dataType: 'number', value: v, options: { length: int.length, scale: frac.length } };
  }
  if (typeof v === 'string' && (declared === 'Date' || declared === 'DateTime') && !Number.isNaN(Date.parse(v))) {
    return { type: 'literal', dataType: declared === 'Date' ? 'date' : 'datetime', value: new Date(v), options: {} };
  }
  if (typeof v === 'string') return { type: 'literal', dataType: 'text', value: v, options: { length: v.length } };
  const json = JSON.stringify(v);
  return { type: 'literal', dataType: 'text', value: json, options: { length: json.length } };
}

function fromLiteral(value: unknown, got: string | undefined, declared: string | undefined, scale: string | undefined): Value {
  if (value === null || value === undefined || got === 'null') return null;
  if (value instanceof Date) return got === 'date' || declared === 'Date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'number' && (declared === 'Number' || declared === 'Currency') && scale !== undefined && /^\d+$/.test(scale)) {
    const f = 10 ** Number(scale);
    return Math.round(value * f) / f;
  }
  if (declared === 'String' && typeof value !== 'string') return String(value);
  return value;
}
