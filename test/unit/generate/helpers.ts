// Builders for generator tests: definitions from text or the examples, the corpus registrations, and a
// "meaning" of a definition (what Flow sees: action, parameters, field paths with Flow types) to compare
// across round trips.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CalloutDefinition } from '../../../server/src/core/model/definition';
import { describeType } from '../../../server/src/core/model/flowTypes';
import { collectSampleFields } from '../../../server/src/core/model/samples';
import { parseCalloutText } from '../../../server/src/core/parse';
import { corpusRoot, examplesRoot } from '../helpers';

export function definition(text: string, fileName = 'test.callout.yaml'): CalloutDefinition {
  return new CalloutDefinition({ fileName, text, tree: parseCalloutText(text, fileName) });
}

export function exampleFiles(): string[] {
  const dir = path.join(examplesRoot, 'callouts');
  return fs.readdirSync(dir).filter((f) => /\.callout\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join(dir, f));
}

export function exampleDefinition(file: string): CalloutDefinition {
  return definition(fs.readFileSync(file, 'utf8'), file);
}

function walk(dir: string, re: RegExp, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

/** Every ESR in the corpus (including the decomposed preset fixtures), sorted. */
export function corpusEsrFiles(): string[] {
  return walk(corpusRoot, /\.externalServiceRegistration-meta\.xml$/).sort();
}

export interface Meaning {
  name?: string;
  namedCredential?: string;
  operation: string;
  method: string;
  path: string;
  parameters: string[];
  requestContentType?: string;
  responses: string[];
  fields: string[];
}

/** What Flow gets from a definition, as sorted comparable strings. */
export function meaningOf(def: CalloutDefinition): Meaning {
  const params = [
    ...def.parameters('pathParameters').map((p) => `path ${p.name}: ${p.type ?? 'String'}`),
    ...def.parameters('query').map((p) => `query ${p.name}: ${p.type ?? 'String'}${p.required ? ' required' : ''}`),
  ].sort();
  const body = def.requestBody && ['POST', 'PUT', 'PATCH'].includes(def.method);
  return {
    name: def.name, namedCredential: def.namedCredential, operation: def.operation, method: def.method, path: def.path,
    parameters: params,
    requestContentType: body ? def.requestContentType : undefined,
    responses: def.responses().map((r) => `${r.key} ${r.contentType}`).sort(),
    fields: collectSampleFields(def).map((f) => `${f.path} → ${f.apexName}: ${describeType(f.type)}`).sort(),
  };
}
