// The SFDX project index: package directories, named/external credentials, External Service
// registrations, object fields, flows and callout definitions. Built from a ProjectFs, updated per file.
import * as path from 'node:path';
import { summarizeFlow, type FlowSummary } from '../flow/summary';
import { STANDARD_FIELDS } from '../model/standardFields';
import { CalloutDefinition } from '../model/definition';
import { parseCalloutText } from '../parse';
import type { ProjectFs } from './fs';
import { maxFileMB, MAX_FILE_SETTING, refuseContent, type CheckedKind } from '../model/content';
import { readApexClass, type ApexClassInfo } from './apex';
import {
  readExternalCredential, readExternalServiceRegistration, readField, readNamedCredential,
  type EsrInfo, type ExternalCredentialInfo, type NamedCredentialInfo, type ObjectFieldInfo,
} from './metadata';

export interface CalloutSummary {
  name: string;
  operation: string;
  file: string;
  namedCredential?: string;
  method: string;
  path: string;
  responses: string[];
  queryParameters: { name: string; required: boolean; type?: string }[];
  hasBody: boolean;
  /** The parsed definition (samples, path parameters), for flow outputs, completion and hover. */
  definition?: CalloutDefinition;
}

export type MetadataKind = 'namedCredential' | 'externalCredential' | 'esr' | 'esrSchema' | 'field' | 'flow' | 'callout' | 'apex' | 'project' | 'settings';

export function classifyFile(file: string): MetadataKind | undefined {
  const base = file.replace(/^.*[\\/]/, '');
  if (base === 'sfdx-project.json') return 'project';
  if (base === '.flowcallout.json') return 'settings';
  if (base.endsWith('.namedCredential-meta.xml')) return 'namedCredential';
  if (base.endsWith('.externalCredential-meta.xml')) return 'externalCredential';
  if (base.endsWith('.externalServiceRegistration-meta.xml')) return 'esr';
  if (base.endsWith('.field-meta.xml') && /[\\/]objects[\\/][^\\/]+[\\/]fields[\\/]/.test(file)) return 'field';
  if (base.endsWith('.flow-meta.xml') || base.endsWith('.flow')) return 'flow';
  if (/\.callout\.(ya?ml|json)$/i.test(base)) return 'callout';
  if (base.endsWith('.cls')) return 'apex';
  if (ESR_SCHEMA_FILE.test(file)) return 'esrSchema';
  return undefined;
}

function checkedKind(kind: MetadataKind): CheckedKind {
  return kind === 'flow' ? 'flow' : kind === 'callout' ? 'callout' : 'metadata';
}

/**
 * A decomposed registration's schema (decomposeExternalServiceRegistrationBeta, reference C14): `X.yaml` /
 * `X.yml` / `X.json` in an `externalServiceRegistrations` folder. It counts only when
 * `X.externalServiceRegistration-meta.xml` sits beside it (ProjectIndex pairs them).
 */
const ESR_SCHEMA_FILE = /(^|[\\/])externalServiceRegistrations[\\/][^\\/]+\.(ya?ml|json)$/;
const ESR_SCHEMA_EXTENSIONS = ['.yaml', '.yml', '.json'];
const ESR_META = /\.externalServiceRegistration-meta\.xml$/;

/** `dir/X.externalServiceRegistration-meta.xml` and `dir/X.yaml` share the stem `dir/X`. */
function esrStem(file: string): string {
  return file.replace(ESR_META, '').replace(/\.(ya?ml|json)$/, '');
}

function baseName(file: string, suffix: RegExp): string {
  return file.replace(/^.*[\\/]/, '').replace(suffix, '');
}

export class ProjectIndex {
  readonly namedCredentials = new Map<string, NamedCredentialInfo>();
  readonly externalCredentials = new Map<string, ExternalCredentialInfo>();
  readonly esrs = new Map<string, EsrInfo>();
  /** Object API name → field API name → field (custom fields from the project). */
  readonly objectFields = new Map<string, Map<string, ObjectFieldInfo>>();
  readonly flows = new Map<string, FlowSummary>();
  readonly callouts = new Map<string, CalloutSummary>();
  /** Apex classes by name: invocable actions and whether they call out (project/apex.ts). */
  readonly apexClasses = new Map<string, ApexClassInfo>();
  packageDirectories: string[] = [];
  /** Problems met while indexing (file → message), surfaced by `validate` and logs, never thrown. */
  readonly indexErrors = new Map<string, string>();
  /** Registration XML by file, and decomposed schema files by stem, so either side can change alone. */
  private readonly esrXml = new Map<string, string>();
  private readonly esrSchemaTexts = new Map<string, { file: string; text: string }[]>();
  /** Rule severities from the project's `.flowcallout.json`. */
  ruleSeverities: Record<string, string> = {};
  /** The largest file checked or indexed, in MB (`.flowcallout.json` "maxFileSizeMB"; model/content.ts). */
  maxFileSizeMB = maxFileMB(undefined);

  constructor(readonly root: string | undefined) {}

  static async load(root: string, fs: ProjectFs): Promise<ProjectIndex> {
    const index = new ProjectIndex(root);
    const projectFile = path.join(root, 'sfdx-project.json');
    if (await fs.exists(projectFile)) await index.update(projectFile, await fs.readFile(projectFile));
    const settings = path.join(root, '.flowcallout.json');
    if (await fs.exists(settings)) await index.update(settings, await fs.readFile(settings));
    const dirs = index.packageDirectories.length ? index.packageDirectories.map((d) => path.join(root, d)) : [root];
    const seen = new Set<string>();
    for (const dir of [...dirs, root]) {
      for (const file of await fs.listFiles(dir)) {
        if (seen.has(file)) continue;
        seen.add(file);
        const kind = classifyFile(file);
        if (!kind || kind === 'project' || kind === 'settings') continue;
        await index.reload(file, fs);
      }
    }
    // A decomposed schema outside an `externalServiceRegistrations` folder: look beside the registration itself.
    for (const e of [...index.esrs.values()]) {
      if (e.schema || e.schemaError || e.schemaFile) continue;
      for (const ext of ESR_SCHEMA_EXTENSIONS) {
        const sibling = esrStem(e.file) + ext;
        if (seen.has(sibling) && classifyFile(sibling)) continue;
        try {
          if (await fs.exists(sibling)) {
            index.addEsrSchema(sibling, await fs.readFile(sibling));
            break;
          }
        } catch (err) {
          index.indexErrors.set(sibling, (err as Error).message);
        }
      }
    }
    return index;
  }

  /** Pairs a decomposed schema file with its registration (re-read when either changes). */
  private addEsrSchema(file: string, text: string): void {
    const stem = esrStem(file);
    const list = (this.esrSchemaTexts.get(stem) ?? []).filter((s) => s.file !== file);
    list.push({ file, text });
    list.sort((a, b) => ESR_SCHEMA_EXTENSIONS.indexOf(a.file.slice(stem.length)) - ESR_SCHEMA_EXTENSIONS.indexOf(b.file.slice(stem.length)));
    this.esrSchemaTexts.set(stem, list);
    this.rereadEsr(stem);
  }

  private rereadEsr(stem: string): void {
    const file = stem + '.externalServiceRegistration-meta.xml';
    const xml = this.esrXml.get(file);
    if (xml === undefined) return;
    const name = baseName(file, ESR_META);
    this.esrs.set(name, readExternalServiceRegistration(name, file, xml, this.esrSchemaTexts.get(stem)?.[0]));
  }


  /**
   * Reads one file from disk (created or changed) into the index. Binary or past the size limit, it is not
   * read at all (decoding 50 MB of random bytes takes seconds): what it said before is dropped, and the
   * reason is an index error. Never throws.
   */
  async reload(file: string, fs: ProjectFs): Promise<void> {
    const kind = classifyFile(file);
    if (!kind) return;
    try {
      const facts = kind === 'project' || kind === 'settings' ? undefined : await fs.probe?.(file);
      const refused = facts ? refuseContent(checkedKind(kind), undefined, this.maxFileSizeMB, facts) : undefined;
      if (refused) {
        this.remove(file);
        this.indexErrors.set(file, refused.message);
      } else {
        this.update(file, await fs.readFile(file));
      }
    } catch (e) {
      this.indexErrors.set(file, (e as Error).message);
    }
  }

  /** Re-reads one file (created or changed) from its text. Never throws. */
  update(file: string, text: string): void {
    this.fieldsCache.clear();
    const kind = classifyFile(file);
    try {
      this.indexErrors.delete(file);
      const refused = kind && kind !== 'project' && kind !== 'settings' ? refuseContent(checkedKind(kind), text, this.maxFileSizeMB) : undefined;
      if (refused) {
        // Binary or too large: what the file said before is gone, and nothing is read from it now.
        this.remove(file);
        this.indexErrors.set(file, refused.message);
        return;
      }
      switch (kind) {
        case 'project': {
          const json = JSON.parse(text) as { packageDirectories?: { path?: string }[] };
          this.packageDirectories = (json.packageDirectories ?? []).map((d) => d.path).filter((p): p is string => typeof p === 'string');
          break;
        }
        case 'settings': {
          const json = JSON.parse(text) as { rules?: Record<string, string> } & Record<string, unknown>;
          this.ruleSeverities = json.rules && typeof json.rules === 'object' ? json.rules : {};
          this.maxFileSizeMB = maxFileMB(json[MAX_FILE_SETTING]);
          break;
        }
        case 'namedCredential': {
          const name = baseName(file, /\.namedCredential-meta\.xml$/);
          this.namedCredentials.set(name, readNamedCredential(name, file, text));
          break;
        }
        case 'externalCredential': {
          const name = baseName(file, /\.externalCredential-meta\.xml$/);
          this.externalCredentials.set(name, readExternalCredential(name, file, text));
          break;
        }
        case 'esr': {
          this.esrXml.set(file, text);
          this.rereadEsr(esrStem(file));
          break;
        }
        case 'esrSchema':
          this.addEsrSchema(file, text);
          break;
        case 'field': {
          const m = /[\\/]objects[\\/]([^\\/]+)[\\/]fields[\\/]/.exec(file);
          const field = readField(file, text);
          if (m && field) {
            if (!this.objectFields.has(m[1])) this.objectFields.set(m[1], new Map());
            this.objectFields.get(m[1])!.set(field.name, field);
          }
          break;
        }
        case 'apex': {
          const name = baseName(file, /\.cls$/);
          this.apexClasses.set(name, readApexClass(name, file, text));
          break;
        }
        case 'flow': {
          const summary = summarizeFlow(file, text);
          this.flows.set(summary.name, summary);
          break;
        }
        case 'callout': {
          const def = new CalloutDefinition({ fileName: file, text, tree: parseCalloutText(text, file) });
          const name = def.name;
          if (!name) break;
          for (const [k, v] of this.callouts) if (v.file === file && k !== name) this.callouts.delete(k);
          this.callouts.set(name, {
            name, file, operation: def.operation, namedCredential: def.namedCredential, method: def.method, path: def.path,
            responses: def.responses().map((r) => r.key),
            queryParameters: def.parameters('query').map((p) => ({ name: p.name, required: p.required, type: p.type })),
            hasBody: !!def.requestBody, definition: def,
          });
          break;
        }
      }
    } catch (e) {
      this.indexErrors.set(file, (e as Error).message.split('\n')[0]);
    }
  }

  remove(file: string): void {
    this.fieldsCache.clear();
    const kind = classifyFile(file);
    const drop = <T extends { file?: string }>(map: Map<string, T>) => {
      for (const [k, v] of map) if (v.file === file) map.delete(k);
    };
    if (kind === 'namedCredential') drop(this.namedCredentials);
    else if (kind === 'externalCredential') drop(this.externalCredentials);
    else if (kind === 'esr') {
      drop(this.esrs);
      this.esrXml.delete(file);
    } else if (kind === 'esrSchema') {
      const stem = esrStem(file);
      const rest = (this.esrSchemaTexts.get(stem) ?? []).filter((x) => x.file !== file);
      if (rest.length) this.esrSchemaTexts.set(stem, rest);
      else this.esrSchemaTexts.delete(stem);
      this.rereadEsr(stem);
    }
    else if (kind === 'flow') drop(this.flows);
    else if (kind === 'callout') drop(this.callouts);
    else if (kind === 'apex') drop(this.apexClasses);
    else if (kind === 'field') for (const fields of this.objectFields.values()) drop(fields);
    this.indexErrors.delete(file);
  }

  /** Fields of an object: project metadata over the shipped standard fields. Undefined when unknown. */
  fieldsOf(object: string): Map<string, { name: string; type: string; standard: boolean }> | undefined {
    const key = object.toLowerCase();
    if (this.fieldsCache.has(key)) return this.fieldsCache.get(key);
    const fields = this.computeFields(object);
    this.fieldsCache.set(key, fields);
    return fields;
  }

  /** Merged fields per lower-case object name; cleared by every update and removal. */
  private readonly fieldsCache = new Map<string, Map<string, { name: string; type: string; standard: boolean }> | undefined>();

  private computeFields(object: string): Map<string, { name: string; type: string; standard: boolean }> | undefined {
    const std = Object.entries(STANDARD_FIELDS).find(([k]) => k.toLowerCase() === object.toLowerCase())?.[1];
    const custom = [...this.objectFields.entries()].find(([k]) => k.toLowerCase() === object.toLowerCase())?.[1];
    if (!std && !custom) return undefined;
    const out = new Map<string, { name: string; type: string; standard: boolean }>();
    for (const [n, t] of Object.entries(std ?? {})) out.set(n, { name: n, type: t, standard: true });
    for (const f of custom?.values() ?? []) out.set(f.name, { name: f.name, type: f.type, standard: false });
    return out;
  }

  /** Where named credentials were looked for, for messages. */
  namedCredentialFolders(): string[] {
    const dirs = this.packageDirectories.length ? this.packageDirectories : ['.'];
    return dirs.map((d) => path.posix.join(d.replace(/\\/g, '/'), '**/namedCredentials/'));
  }

  findFlowByPath(relOrAbs: string): FlowSummary | undefined {
    const norm = relOrAbs.replace(/\\/g, '/');
    for (const f of this.flows.values()) {
      const file = f.file.replace(/\\/g, '/');
      if (file === norm || file.endsWith('/' + norm.replace(/^\.\//, ''))) return f;
    }
    return this.flows.get(baseName(relOrAbs, /\.flow-meta\.xml$|\.flow$/));
  }
}
