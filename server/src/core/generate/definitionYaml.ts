// A definition object → callout YAML as the examples write it: comments on top, parameters on one
// line each (`latitude: { type: Double, required: true }`), samples in block style.
import { Document, isMap, isPair, isScalar, visit } from 'yaml';

const ONE_LINE = new Set(['query', 'pathParameters']);

/** A definition object → YAML, parameters on one line each (`latitude: { type: Double, required: true }`). */
export function definitionYaml(def: Record<string, unknown>, comments: string[]): string {
  const doc = new Document(def);
  visit(doc, {
    Pair(_key, pair, path) {
      const parent = path[path.length - 2];
      const owner = isPair(parent) && isScalar(parent.key) ? parent.key.value : undefined;
      if (ONE_LINE.has(String(owner)) && isMap(pair.value)) pair.value.flow = true;
    },
  });
  const body = doc.toString({ lineWidth: 0 });
  return comments.map((c) => `# ${c.replace(/\s*\r?\n\s*/g, ' ')}`).join('\n') + (comments.length ? '\n' : '') + body;
}

