import { parseJsonTree } from './json';
import { parseYamlTree } from './yaml';
import type { ParsedTree } from './tree';

export * from './tree';

/** Parses a callout definition by its file name (`.json` → JSON, anything else → YAML). */
export function parseCalloutText(text: string, fileName: string): ParsedTree {
  return /\.json$/i.test(fileName) ? parseJsonTree(text) : parseYamlTree(text);
}

export { parseJsonTree, parseYamlTree };
