import { parseJsonTree } from './json';
import { parseYamlTree, reparseYamlTree } from './yaml';
import type { ParsedTree } from './tree';

export * from './tree';

/** Parses a callout definition by its file name (`.json` → JSON, anything else → YAML). */
export function parseCalloutText(text: string, fileName: string, previous?: ParsedTree): ParsedTree {
  if (/\.json$/i.test(fileName)) return parseJsonTree(text);
  return (previous && reparseYamlTree(previous, text)) || parseYamlTree(text);
}

export { parseJsonTree, parseYamlTree };
