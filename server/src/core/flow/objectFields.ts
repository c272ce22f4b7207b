// Fields of a record (`$Record.Field`, `myAccount.Name`) checked against what the project knows of the
// object — without false alarms: the shipped standard-field tables are partial, so a standard field is only
// reported when it looks like a typo of a known one, and a custom field only when the project holds that
// object's custom fields (as a warning: the project may hold only some of them). Managed-package fields (`ns__Field__c`) are never reported. Relationships count as
// names of the record: the parent (`Account`, `Parent__r`) and the child side (`Plans__r`, `Contacts`:
// model/relationships.ts); an unknown `__r` is reported only as a near miss of a known relationship, since
// the lookup that defines it may live on an object the project has not retrieved.
import { editDistance } from '../model/similar';
import { parentRelationshipField, projectChildRelationships, standardChildRelationships } from '../model/relationships';
import type { ProjectView } from './projectView';

export type FieldCheck =
  | { ok: true; type?: string; detail?: string }
  | { ok: false; message: string; candidates: string[]; severity?: 'warning' };

const NAMESPACED = /^[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+__[A-Za-z]+$/;
const CUSTOM = /__[A-Za-z]+$/;
const RELATIONSHIP = /__r$/i;
const LOOKUP_TYPES = /^(Lookup|MasterDetail|Hierarchy|MetadataRelationship)$/i;

/** What the field check reads of the project (ProjectView provides it). */
export type FieldSource = Pick<ProjectView, 'fieldsOf' | 'objectFields'>;

/**
 * `strict` (for `$Record` and the running user's fields): a custom field missing from a project that holds
 * the object's custom fields is reported. Otherwise (record variables) only near misses of known fields are —
 * projects often hold just the fields their trigger flows read.
 */
export function checkObjectField(project: FieldSource | undefined, object: string, field: string, strict: boolean): FieldCheck {
  if (!project || !field) return { ok: true };
  const fields = project.fieldsOf(object);
  if (!fields) return { ok: true, detail: `fields of ${object} are not in the project` };
  const lower = field.toLowerCase();
  for (const f of fields.values()) if (f.name.toLowerCase() === lower) return { ok: true, type: f.type, detail: `${object}.${f.name}` };
  // A parent relationship (the related record, or a path through it): Account (AccountId), Parent__r (Parent__c).
  const key = parentRelationshipField(field).toLowerCase();
  if ([...fields.keys()].some((k) => k.toLowerCase() === key)) return { ok: true, detail: `the ${field} relationship` };
  if (NAMESPACED.test(field)) return { ok: true, detail: 'a managed-package field' };
  // A child relationship: the related records (Flow's "records related to the triggering record").
  const children = [...projectChildRelationships(project, object), ...standardChildRelationships(object)];
  const child = children.find((c) => c.toLowerCase() === lower);
  if (child) return { ok: true, type: 'related records', detail: `the ${child} child relationship of ${object}` };
  const names = [...fields.keys()];
  const relationships = [...new Set([...names.filter((n) => LOOKUP_TYPES.test(fields.get(n)!.type)).map(parentOf), ...children])];
  if (RELATIONSHIP.test(field)) {
    const best = bestMatches(field, relationships.filter((n) => RELATIONSHIP.test(n))).filter((n) => editDistance(n, field) <= 2);
    if (!best.length) return { ok: true, detail: `a relationship of ${object} the project does not declare` };
    // A warning: the lookup defining `field` may sit on an object the project has not retrieved.
    return {
      ok: false, candidates: best, severity: 'warning',
      message: `${object} has no relationship "${field}" in this project. Did you mean "${best[0]}"? (checked the lookups in objects/*/fields/ that point at ${object}, and ${object}'s own; if "${field}" comes from a lookup on an object not retrieved here, retrieve that object's fields)`,
    };
  }
  if (CUSTOM.test(field) && strict) {
    const customKnown = [...project.objectFields.keys()].some((k) => k.toLowerCase() === object.toLowerCase());
    if (!customKnown) return { ok: true, detail: `custom fields of ${object} are not in the project` };
    const best = bestMatches(field, names.filter((n) => CUSTOM.test(n)));
    // A warning, not an error: projects often hold only the fields they changed (source tracking retrieves
    // what changed), so a field missing here may exist in the org — REF5 in docs/salesforce-facts.md.
    return {
      ok: false, candidates: best, severity: 'warning',
      message: `${object} has no field "${field}" in this project${best.length ? `. Did you mean "${best[0]}"?` : ''} (checked objects/${object}/fields/). Fix the name, create the field, or, if it exists in the org, retrieve it (sf project retrieve start -m CustomField:${object}.${field}).`,
    };
  }
  // Otherwise only a near miss of a known field or relationship is reported (the shipped lists are not exhaustive).
  const best = bestMatches(field, [...names, ...relationships]).filter((n) => editDistance(n, field) <= 2 && n.toLowerCase() !== lower && CUSTOM.test(n) === CUSTOM.test(field));
  if (!best.length || field.length < 4) return { ok: true, detail: `not a field of ${object} this project declares` };
  const what = children.includes(best[0]) ? 'field or relationship' : 'field';
  return { ok: false, candidates: best, message: `${object} has no ${what} "${field}". Did you mean "${best[0]}"?` };
}

/** The parent relationship name of a lookup field: AccountId → Account, Parent__c → Parent__r. */
function parentOf(lookupField: string): string {
  return /__c$/i.test(lookupField) ? lookupField.replace(/__c$/i, '__r') : lookupField.replace(/Id$/, '');
}

/** The largest edit distance bestMatches keeps for `word`. */
export function matchLimit(word: string, ratio = 0.4): number {
  return Math.max(ratio < 0.4 ? 1 : 2, Math.ceil(word.length * ratio));
}

/** Candidates ordered by edit distance, close ones only. */
export function bestMatches(word: string, candidates: Iterable<string>, max = 3, ratio = 0.4): string[] {
  const limit = matchLimit(word, ratio);
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
