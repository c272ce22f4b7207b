// The project's `.flowcallout.json`: rule severities, the managed-package actions that call out, files to
// skip, and the largest file checked (`maxFileSizeMB`, model/content.ts). One file for the CLI and the editor (never keys in sfdx-project.json). Reading it never throws:
// what is malformed is left out here and reported, with the valid values, by validate/settings.ts when the
// file itself is checked (schemas/flowcallout.schema.json describes it for editor completion).
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { SeveritySetting } from '../model/problem';

export const SETTINGS_FILE = '.flowcallout.json';
/** The values a rule's severity may take in `.flowcallout.json` (and the `flowCallout.rules` setting). */
export const SEVERITY_VALUES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

export class ProjectSettings {
  /** Rule id → severity, only the well-formed entries. */
  readonly rules: Record<string, SeveritySetting>;
  /** Action names (globs: `dfsle__*`) the project declares as making HTTP callouts. */
  readonly calloutActions: readonly string[];
  /** Globs (relative to the project root) of files the CLI and the language server do not check. */
  readonly ignore: readonly string[];
  /** `maxFileSizeMB` as written (model/content.ts maxFileMB applies the default and the bounds). */
  readonly maxFileSizeMB?: unknown;
  private readonly actionMatchers: { glob: string; test: (s: string) => boolean }[];
  private readonly ignoreMatcher?: (s: string) => boolean;

  constructor(init: { rules?: Record<string, SeveritySetting>; calloutActions?: string[]; ignore?: string[]; maxFileSizeMB?: unknown } = {}) {
    this.maxFileSizeMB = init.maxFileSizeMB;
    this.rules = init.rules ?? {};
    this.calloutActions = init.calloutActions ?? [];
    this.ignore = init.ignore ?? [];
    // Action names compare without case, like Salesforce API names.
    this.actionMatchers = this.calloutActions.map((glob) => ({ glob, test: picomatch(glob, { nocase: true }) }));
    if (this.ignore.length) this.ignoreMatcher = picomatch([...this.ignore], { dot: true });
  }

  static readonly EMPTY = new ProjectSettings();

  /** The `calloutActions` entry that names `actionName`, if any. */
  calloutActionGlob(actionName: string): string | undefined {
    if (!actionName) return undefined;
    return this.actionMatchers.find((m) => m.test(actionName))?.glob;
  }

  /** Whether `file` (absolute, or relative to `root`) matches an `ignore` glob. */
  isIgnored(file: string, root: string | undefined): boolean {
    if (!this.ignoreMatcher) return false;
    const rel = (root && path.isAbsolute(file) ? path.relative(root, file) : file).split(path.sep).join('/');
    if (rel.startsWith('../')) return false;
    return this.ignoreMatcher(rel);
  }
}

/** The settings in `text` (a `.flowcallout.json`); comments and trailing commas are tolerated. */
export function readSettings(text: string): ProjectSettings {
  const errors: ParseError[] = [];
  const json = parseJsonc(text, errors, { allowTrailingComma: true }) as unknown;
  // A file with a syntax error is not half-applied (validate/settings.ts says so in the file).
  if (errors.length || !json || typeof json !== 'object' || Array.isArray(json)) return ProjectSettings.EMPTY;
  const o = json as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (o.rules && typeof o.rules === 'object' && !Array.isArray(o.rules)) {
    for (const [id, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && (SEVERITY_VALUES as string[]).includes(v)) rules[id] = v as SeveritySetting;
    }
  }
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : []);
  return new ProjectSettings({ rules, calloutActions: strings(o.calloutActions), ignore: strings(o.ignore), maxFileSizeMB: o.maxFileSizeMB });
}
