import { child, type XmlElement } from '../../parse/xml';
import { rawText } from '../../flow/sites';
import { capNote, MAX_FINDINGS } from './cap';
import type { FlowRule } from './types';

const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?(?![A-Za-z0-9])/g;
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const DIGIT = /[0-9]/;

/** 15-character ids: 3-character key prefix, pod, a reserved `0`, and at least a few digits. */
function looksLikeId15(s: string): boolean {
  return s.length === 15 && s[5] === '0' && (s.match(/[0-9]/g)?.length ?? 0) >= 4 && /[0-9]/.test(s.slice(0, 3));
}

/** 18-character ids end with a checksum of the first 15 characters' letter case. */
export function isRecordId18(s: string): boolean {
  if (s.length !== 18 || (s.match(/[0-9]/g)?.length ?? 0) < 3) return false;
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = s[block * 5 + i];
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    if (s[15 + block].toUpperCase() !== SUFFIX[bits]) return false;
  }
  return true;
}

/** Leaves holding literal values; in formulas only quoted literals are looked at. */
const VALUE_TAGS = new Set(['stringValue', 'expression', 'formulaExpression']);

export const hardcodedId: FlowRule = {
  id: 'flow-hardcoded-id',
  defaultSeverity: 'warning',
  doc: 'A value, formula, text template or start-element entry condition holds a hard-coded 15/18-character record Id, which differs between orgs and sandboxes.',
  source: 'Salesforce record Ids are org-specific (Lightning Flow Scanner HardcodedId); reference §4; docs/salesforce-facts.md "Hard-coded endpoints and Ids"',
  check(ctx) {
    const { model, leafMemos } = ctx.analysis;
    const found: { offset: number; length: number; id: string }[] = [];
    const scan = (el: XmlElement, formula: boolean) => {
      if (el.textLength < 15) return;
      // Every Id has digits. A leaf whose decoded text is as long as its source text is that text (decoding
      // an entity, dropping a comment or CDATA markup, trimming other whitespace: each shortens it), so without a
      // digit in it there is none to find: not scanned, nor remembered (most leaves).
      if (el.text.length === el.textLength && !DIGIT.test(el.text)) return;
      // The ids in the leaf's text, by their place in it: scanned once per leaf text (flow/leafMemo.ts).
      const ids = leafMemos.get(formula ? 'flow-hardcoded-id:formula' : 'flow-hardcoded-id', el, () => idsIn(rawText(model, el), formula));
      for (const { at, id } of ids) found.push({ offset: el.textOffset + at, length: id.length, id });
    };
    // The start element's entry condition formula (record-triggered flows), e.g. {!$Record.OwnerId} = '005…'.
    const filterFormula = model.start.el ? child(model.start.el, 'filterFormula') : undefined;
    if (filterFormula) scan(filterFormula, true);
    for (const el of ctx.analysis.textLeaves) {
      if (VALUE_TAGS.has(el.name)) scan(el, el.name !== 'stringValue');
      // Text templates: the text is sent or shown as is (a link to /lightning/r/Account/001…/view).
      else if (el.name === 'text' && el.parent?.name === 'textTemplates') scan(el, false);
    }
    found.sort((a, b) => a.offset - b.offset);
    for (const [i, f] of found.slice(0, MAX_FINDINGS).entries()) {
      ctx.report({
        offset: f.offset, length: f.length,
        message: `Hard-coded record Id ${f.id}: Ids differ between orgs, so this breaks after deployment to another org or sandbox. Look the record up (Get Records by a unique field or DeveloperName), or keep the Id in custom metadata or a custom label.${capNote(i, found.length, 'hard-coded record Id')}`,
      });
    }
  },
};

const NONE: { at: number; id: string }[] = [];

/** The record ids in a leaf's raw text (in a formula, only those inside quoted literals). */
function idsIn(raw: string, formula: boolean): { at: number; id: string }[] {
  let out = NONE;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(raw); m; m = CANDIDATE.exec(raw)) {
    const id = m[0];
    if (!(id.length === 18 ? isRecordId18(id) : looksLikeId15(id))) continue;
    if (formula && !insideQuotes(raw, m.index)) continue;
    if (out === NONE) out = [];
    out.push({ at: m.index, id });
  }
  return out;
}

function insideQuotes(raw: string, at: number): boolean {
  const before = raw.slice(0, at).replace(/&quot;/g, '"').replace(/&apos;/g, "'");
  const dq = (before.match(/"/g) ?? []).length;
  const sq = (before.match(/'/g) ?? []).length;
  return dq % 2 === 1 || sq % 2 === 1;
}
