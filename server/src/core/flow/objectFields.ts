// Fields of a record (`$Record.Field`, `myAccount.Name`) checked against what the project knows of the
// object — without false alarms: the shipped standard-field tables are partial, so a standard field is only
// reported when it looks like a typo of a known one, and a custom field only when the project holds that
// object's custom fields. Managed-package fields (`ns__Field__c`) are never reported.
import { editDistance } from '../model/similar';
import type { ProjectView } from './projectView';

export type FieldCheck =
  | { ok: true; type?: string; detail?: string }
  | { ok: false; message: string; candidates: string[] };

const NAMESPACED = /^[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+__[A-Za-z]+$/;
const CUSTOM = /__[A-Za-z]+$/;

/**
 * `strict` (for `$Record`): a custom field missing from a project that holds the object's custom fields is
 * reported. Otherwise (record variables) only near misses of known fields are — projects often hold just the
 * fields their trigger flows read.
 */
export function checkObjectField(project: ProjectView | undefined, object: string, field: string, strict: boolean): FieldCheck {
  if (!project || !field) return { ok: true };
  const fields = project.fieldsOf(object);
  if (!fields) return { ok: true, detail: `fields of ${object} are not in the project` };
  const lower = field.toLowerCase();
  for (const f of fields.values()) if (f.name.toLowerCase() === lower) return { ok: true, type: f.type, detail: `${object}.${f.name}` };
  // A relationship (the related record, or a path through it): Account (AccountId), Parent__r (Parent__c).
  const key = /__r$/i.test(field) ? field.replace(/__r$/i, '__c') : `${field}Id`;
  if ([...fields.keys()].some((k) => k.toLowerCase() === key.toLowerCase())) return { ok: true, detail: `the ${field} relationship` };
  if (NAMESPACED.test(field)) return { ok: true, detail: 'a managed-package field' };
  const names = [...fields.keys()];
  if (CUSTOM.test(field) && strict) {
    const customKnown = [...project.objectFields.keys()].some((k) => k.toLowerCase() === object.toLowerCase());
    if (!customKnown) return { ok: true, detail: `custom fields of ${object} are not in the project` };
    const best = bestMatches(field, names.filter((n) => CUSTOM.test(n)));
    return {
      ok: false, candidates: best,
      message: `${object} has no field "${field}"${best.length ? `. Did you mean "${best[0]}"?` : ''} (checked objects/${object}/fields/ in the project). Create the field or fix the name.`,
    };
  }
  // Otherwise only a near miss of a known field is reported (the shipped standard list is not exhaustive).
  const best = bestMatches(field, names).filter((n) => editDistance(n, field) <= 2 && n.toLowerCase() !== lower && CUSTOM.test(n) === CUSTOM.test(field));
  if (!best.length || field.length < 4) return { ok: true, detail: `not a field of ${object} this project declares` };
  return { ok: false, candidates: best, message: `${object} has no field "${field}". Did you mean "${best[0]}"?` };
}

/** Candidates ordered by edit distance, close ones only. */
export function bestMatches(word: string, candidates: Iterable<string>, max = 3, ratio = 0.4): string[] {
  const limit = Math.max(ratio < 0.4 ? 1 : 2, Math.ceil(word.length * ratio));
  const scored: { c: string; d: number }[] = [];
  const ascii = isAscii(word);
  for (const c of candidates) {
    // The distance is at least the length difference: most candidates are out of reach without computing it.
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = ascii && isAscii(c) ? boundedAsciiDistance(word, c, limit) : editDistance(word, c);
    if (d <= limit) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

const row = new Int32Array(256);

/**
 * editDistance (model/similar.ts: Levenshtein, letters compared regardless of case) for ASCII strings, exact
 * up to `limit`; above it, some value above `limit` (the rows stop once every entry is past it).
 */
function boundedAsciiDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (b.length >= row.length || Math.abs(a.length - b.length) > 20) return editDistance(a, b);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    let best = row[0];
    const ca = lower(a.charCodeAt(i - 1));
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      const sub = diag + (ca === lower(b.charCodeAt(j - 1)) ? 0 : 1);
      const v = Math.min(row[j] + 1, row[j - 1] + 1, sub);
      row[j] = v;
      diag = tmp;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
  }
  return row[b.length];
}

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
