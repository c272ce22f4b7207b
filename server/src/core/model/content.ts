// What is refused before any parse: binary content, and text over the project's size limit. A random-binary
// file named *.flow-meta.xml used to cost minutes and gigabytes (millions of XML syntax errors); a file past
// the limit is not read at all where its size is known first (the CLI, the workspace scan). One diagnostic
// says which, and the rest of the project is checked as usual.
import type { Problem } from './problem';

/** `.flowcallout.json` key: the largest file (MB) that is checked. The largest real flows are well under 2 MB. */
export const MAX_FILE_SETTING = 'maxFileSizeMB';
export const DEFAULT_MAX_FILE_MB = 10;
/** What is looked at to tell binary content from text. */
const SAMPLE = 8192;
/** What binaryOffset counts: NUL, the replacement character, and the control characters but tab, LF, FF and CR. */
const SUSPECT = /[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/;

export type CheckedKind = 'flow' | 'callout' | 'metadata';

/**
 * What the checks read of a text: its length and its first characters. A string, or an editor document's
 * pieces (core/flow/source.ts) — reading a character of a string V8 holds as a rope (an edited document's
 * `before + typed + after`) first copies the whole text into one string, a multi-megabyte copy per keystroke.
 */
export interface CharSource {
  readonly length: number;
  charCodeAt(index: number): number;
}

const WHAT: Record<CheckedKind, string> = { flow: 'a flow', callout: 'a callout definition', metadata: 'metadata' };

/** The limit from a `.flowcallout.json` value: a positive number of MB, else the default. */
export function maxFileMB(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_FILE_MB;
}

/**
 * Binary, not text: a NUL character (what git and grep go by), or many characters UTF-8 decoding could not
 * read (U+FFFD) or control characters XML and YAML never allow, in the first 8 KB. Returns the offset of the
 * first such character, or -1 for text.
 */
export function binaryOffset(text: CharSource): number {
  // Nearly every file is text: one native regex test of the sample says so (a JavaScript loop over 8 KB per
  // file was ~5% of a 1,000-flow validate); the loop below runs only when a suspect character is there.
  if (typeof text === 'string' && !SUSPECT.test(text.length > SAMPLE ? text.slice(0, SAMPLE) : text)) return -1;
  const end = Math.min(text.length, SAMPLE);
  let odd = 0;
  let first = -1;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return i;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) {
      if (first < 0) first = i;
      odd++;
    }
  }
  return odd > Math.max(8, end / 10) ? first : -1;
}

/** binaryOffset on the file's first bytes, before any decoding (decoding 50 MB of random bytes takes seconds). */
export function binaryByteOffset(head: Uint8Array): number {
  return head.subarray(0, SAMPLE).indexOf(0);
}

/** What is known of a file before its text is read: its size in bytes, and where its first NUL byte is. */
export interface FileFacts {
  size: number;
  binaryAt: number;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1);
}

/**
 * The one diagnostic for a file that is not checked, or undefined when it is checked. `text` is undefined when
 * the file was not read (`facts` tell why: model/content.ts is also used before reading); without `facts` the
 * text's length stands for the size.
 */
export function refuseContent(kind: CheckedKind, text: CharSource | undefined, limitMB: number, facts?: FileFacts): Problem | undefined {
  const size = facts?.size ?? text?.length ?? 0;
  const limit = limitMB * 1024 * 1024;
  if (size > limit) {
    return {
      offset: 0, length: 0, code: 'file-too-large', severity: 'warning',
      message: `Too large to check: ${megabytes(size)} MB, limit ${limitMB} MB (setting "${MAX_FILE_SETTING}" in .flowcallout.json). `
        + `Nothing in this file was checked. Raise "${MAX_FILE_SETTING}" to check it, or move the file out of the package directory if it is not ${WHAT[kind]}.`,
    };
  }
  const at = facts && facts.binaryAt >= 0 ? facts.binaryAt : text !== undefined ? binaryOffset(text) : -1;
  if (at < 0) return undefined;
  const nul = facts && facts.binaryAt >= 0 ? true : text!.charCodeAt(at) === 0;
  return {
    offset: 0, length: 0, code: 'binary-content', severity: 'error',
    message: `Not ${WHAT[kind]}: binary content (${nul ? 'a NUL byte' : 'bytes that are not UTF-8 text'} at offset ${at}). `
      + `${kind === 'flow' ? 'A flow is the UTF-8 XML Salesforce retrieves' : kind === 'callout' ? 'A callout definition is UTF-8 YAML or JSON' : 'Metadata is UTF-8 text'}; `
      + 'nothing in this file was checked. Replace it with the retrieved file, or remove it from the package directory.',
  };
}
