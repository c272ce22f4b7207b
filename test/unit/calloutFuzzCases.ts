// Seeded mutations and hostile shapes of callout definitions: the fuzz test (calloutFuzz.test.ts) checks
// they never throw; the bench (bench/budgets.ts) times them.

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['{', '}', '[', ']', ':', '-', '"', "'", '{!', '}}', '\n', '\t', '  ', '&a', '*a', '!!str', '? ', '#', '\\', '\u0000', '\uD800', 'é', '$Record.', '|', '>', '---\n', '%YAML 1.2\n', ',', 'null', '1e999', '0x1F', '.inf'];

export function mutations(text: string, rnd: () => number, count: number): string[] {
  const out: string[] = [];
  const at = () => Math.floor(rnd() * (text.length + 1));
  for (let i = 0; i < count; i++) {
    const k = i % 6;
    if (k === 0) out.push(text.slice(0, at())); // truncation
    else if (k === 1) {
      const a = at();
      out.push(text.slice(0, a) + text.slice(a + 1 + Math.floor(rnd() * 20))); // deletion
    } else if (k === 2) {
      const a = at();
      out.push(text.slice(0, a) + NOISE[Math.floor(rnd() * NOISE.length)] + text.slice(a)); // insertion
    } else if (k === 3) {
      const lines = text.split('\n');
      const l = Math.floor(rnd() * lines.length);
      lines.splice(l, 0, lines[Math.floor(rnd() * lines.length)]); // duplicated line (duplicate keys, bad indent)
      out.push(lines.join('\n'));
    } else if (k === 4) {
      const a = at();
      const bytes = Array.from({ length: 8 }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join('');
      out.push(text.slice(0, a) + bytes + text.slice(a)); // random UTF-16 units
    } else {
      const lines = text.split('\n');
      const l = Math.floor(rnd() * lines.length);
      lines[l] = lines[l].replace(/^(\s*)/, (m) => (rnd() < 0.5 ? m + '  ' : m.slice(2))); // indentation shift
      out.push(lines.join('\n'));
    }
  }
  return out;
}

export const HOSTILE: [string, string][] = [
  ['deep flow mapping', 'name: A\nresponses:\n  2XX:\n    sample: ' + '{a: '.repeat(5000) + '1' + '}'.repeat(5000) + '\n'],
  ['deep block mapping', 'name: A\nresponses:\n  2XX:\n    sample:\n' + Array.from({ length: 400 }, (_, i) => ' '.repeat(6 + i * 2) + `k${i}:`).join('\n') + ' 1\n'],
  ['deep sequence', 'responses:\n  2XX:\n    sample: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n'],
  ['alias bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nresponses: { 2XX: { sample: *f } }\n'],
  ['self-referencing merge', 'base: &b { <<: *b, x: 1 }\nname: A\n'],
  ['multi-document', 'name: A\n---\nname: B\n---\n'],
  ['only a comment', '# nothing here\n'],
  ['empty', ''],
  ['a scalar', 'just text'],
  ['a list', '- name: A\n- name: B\n'],
  ['tabs', 'name:\tA\nresponses:\n\t2XX:\n\t\tsample: {}\n'],
  ['huge string', 'name: A\ndescription: "' + 'x'.repeat(500_000) + '"\n'],
  ['many keys', 'name: A\nresponses:\n  2XX:\n    sample:\n' + Array.from({ length: 5000 }, (_, i) => `      k${i}: ${i}`).join('\n') + '\n'],
  ['merge fields everywhere', 'name: A\nrequest:\n  body:\n' + Array.from({ length: 500 }, (_, i) => `    f${i}: "{!$Record.${'a.'.repeat(i % 50)}x} {!} {!{!x}} {!$Flow.}"`).join('\n') + '\n'],
  ['json deep', '{"responses":{"2XX":{"sample":' + '['.repeat(100000) + ']'.repeat(100000) + '}}}'],
  ['json unterminated', '{"name": "A", "responses": {"2XX": {"sample": {"a": [1, 2, {"b": "'],
  ['json comments and trailing commas', '{ // c\n "name": "A", /* x */ "method": "GET",\n}'],
];
