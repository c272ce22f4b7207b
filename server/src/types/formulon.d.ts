// formulon ships no type declarations: the part of its API the flow run uses (README "Usage").
declare module 'formulon' {
  export interface FormulonLiteral {
    type: 'literal';
    dataType: string;
    value: unknown;
    options?: Record<string, unknown>;
  }
  export interface FormulonError {
    type: 'error';
    errorType: string;
    message: string;
  }
  export function parse(formula: string, identifiers?: Record<string, FormulonLiteral>): FormulonLiteral | FormulonError;
  export function extract(formula: string): string[];
}
