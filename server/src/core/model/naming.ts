// Salesforce naming: External Service names, and how External Services encode JSON property names into
// Apex identifiers (reference §1.4, Help "Apex Reserved Keywords").

/** "The name must begin with a letter and contain only alphanumeric characters without spaces." */
export const EXTERNAL_SERVICE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export function isValidExternalServiceName(name: string): boolean {
  return EXTERNAL_SERVICE_NAME.test(name);
}

/** A valid External Service name derived from any text (for quick fixes and imports). */
export function toExternalServiceName(text: string): string {
  const words = text.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  let name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  name = name.replace(/^[0-9]+/, '');
  return name || 'MyService';
}

// Apex reserved keywords (Apex Developer Guide "Reserved Keywords"), lower case.
const APEX_RESERVED = new Set(
  (
    'abstract activate and any array as asc autonomous begin bigdecimal blob boolean break bulk by byte case cast catch char ' +
    'class collect commit const continue currency date datetime decimal default delete desc do double else end enum exception ' +
    'exit export extends false final finally float for from global goto group having hint if implements import in inner insert ' +
    'instanceof int integer interface into join like limit list long loop map merge new not null nulls number object of on or ' +
    'outer override package parallel pragma private protected public retrieve return rollback select set short sobject sort ' +
    'static string super switch synchronized system testmethod then this throw time transaction trigger true try type undelete ' +
    'update upsert using virtual void webservice when where while'
  ).split(' '),
);

export function isApexReserved(name: string): boolean {
  return APEX_RESERVED.has(name.toLowerCase());
}

/**
 * The Apex identifier External Services generate for a JSON property name: reserved words get a `z0` prefix;
 * characters that are not valid in an Apex identifier, `_`, and a leading digit are UTF-8 encoded as `x<hex>`.
 */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export function encodeApexName(name: string): string {
  if (isApexReserved(name)) return `z0${name}`;
  if (PLAIN_NAME.test(name)) return name;
  let out = '';
  const bytesOf = (ch: string) => Array.from(Buffer.from(ch, 'utf8'), (b) => `x${b.toString(16)}`).join('');
  let first = true;
  for (const ch of name) {
    const ok = /[A-Za-z]/.test(ch) || (!first && /[0-9]/.test(ch));
    out += ok ? ch : bytesOf(ch);
    first = false;
  }
  return out;
}

/** The Flow action name of an operation: `<ExternalService>.<operation>`. */
export function actionNameOf(service: string, operation: string): string {
  return `${service}.${operation}`;
}

/** operationId derived from method and path when missing ("derived from the HTTP method and resource path"). */
export function deriveOperationName(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean).map((p) => p.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, ' '));
  const words = parts.join(' ').trim().split(/\s+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Apex-defined type Flow uses for a generated type: `ExternalService__<Service>_<Type>`. */
export function flowApexClass(service: string, typeName: string): string {
  return `ExternalService__${service}_${typeName}`;
}
