// What every check in the core returns: offsets, never ranges (ranges are made once, at the LSP edge).

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Problem {
  offset: number;
  length: number;
  /** Stable rule id, e.g. `callout-mixed-array`; also the diagnostic code. */
  code: string;
  message: string;
  severity: Severity;
  /** Data a quick fix needs (replacement text, candidates…). */
  fix?: FixData;
  /** Marks the range as unnecessary/deprecated for editors that render it. */
  tags?: ('unnecessary' | 'deprecated')[];
  /** Other places that explain the finding (a subflow's callout): LSP relatedInformation, SARIF relatedLocations. */
  related?: RelatedInfo[];
}

/**
 * A place in this document (`offset`) or in another file (`file` with 0-based `line`/`character`: the
 * core does not hold other files' texts, so their positions are computed when the file is indexed).
 */
export interface RelatedInfo {
  message: string;
  file?: string;
  offset?: number;
  line?: number;
  character?: number;
  length: number;
}

export type FixData =
  | { kind: 'replace'; title: string; offset: number; length: number; newText: string }
  | { kind: 'replace-any'; titlePrefix: string; offset: number; length: number; candidates: string[] }
  | { kind: 'insert-lines'; title: string; offset: number; text: string }
  | { kind: 'explain'; title: string; detail: string };

/** Per-rule severity overrides (VS Code settings and `.flowcallout.json`). */
export type RuleSeverities = Record<string, SeveritySetting | undefined>;

export function applySeverities(problems: Problem[], overrides: RuleSeverities | undefined): Problem[] {
  if (!overrides) return problems;
  const out: Problem[] = [];
  for (const p of problems) {
    const s = overrides[p.code];
    if (s === 'off') continue;
    out.push(s ? { ...p, severity: s } : p);
  }
  return out;
}

/** Drops exact duplicates (same code, offset, length, message). */
export function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}\u0000${p.offset}\u0000${p.length}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
