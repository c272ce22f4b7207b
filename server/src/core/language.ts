// The language-service types the core returns for completion and hover: offsets and plain data; the LSP
// layer converts them to protocol objects once.
import type { CharSource } from './model/content';
import { isCalloutFile, isEnvironmentsFile, isFlowFile } from './project/fileKinds';

export type CompletionKind = 'property' | 'value' | 'snippet' | 'variable' | 'field' | 'global' | 'credential' | 'enum' | 'reference' | 'class' | 'keyword';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; a snippet when `snippet` is true. */
  insertText?: string;
  snippet?: boolean;
  /** The range the completion replaces (offset + length); defaults to the word at the cursor. */
  replace?: { offset: number; length: number };
  sortText?: string;
  filterText?: string;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  offset: number;
  length: number;
}

export interface DocumentInput {
  uri: string;
  /** File path or name (decides the format: `.callout.json`, `.callout.yaml`, `.flow-meta.xml`). */
  fileName: string;
  text: string;
  version?: number;
  /**
   * The same text as pieces (an open editor document: lsp/document.ts), for checks that read only a few
   * characters (model/content.ts): reading a character of `text` would join the whole text into one string.
   */
  source?: CharSource;
}

export type DocumentKind = 'callout' | 'flow' | 'environments' | 'settings' | 'other';

export function documentKind(fileName: string): DocumentKind {
  if (isCalloutFile(fileName)) return 'callout';
  if (isFlowFile(fileName)) return 'flow';
  if (/(^|[\\/])\.flowcallout\.json$/.test(fileName)) return 'settings';
  if (isEnvironmentsFile(fileName)) return 'environments';
  return 'other';
}
