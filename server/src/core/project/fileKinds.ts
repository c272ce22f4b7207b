// What a file is, from its name: the one place the file-name conventions live (callout definitions,
// flows, External Service registrations, the other metadata the index reads, the project files). Pure
// and dependency-free: the language server, the CLI and the VS Code client all read it.

/** `*.callout.yaml`, `*.callout.yml`, `*.callout.json`: a callout definition (this project's format). */
const CALLOUT_FILE = /\.callout\.(ya?ml|json)$/i;
/** Flow metadata: source format `*.flow-meta.xml`, metadata format `*.flow`. */
const FLOW_FILE = /\.flow-meta\.xml$|\.flow$/i;
/** An External Service registration in source format. */
const ESR_FILE = /\.externalServiceRegistration-meta\.xml$/i;
/** The environments file of Send Test Callout (core/callout/environments.ts). */
const ENVIRONMENTS_FILE = /(^|[\\/])\.?flow-callout\.env(ironments)?\.(json|ya?ml)$|\.callout-env\.(json|ya?ml)$/i;

/** The SFDX project file; its folder is the project root. */
export const SFDX_PROJECT_FILE = 'sfdx-project.json';
/** Rule severities for this extension (never keys in sfdx-project.json). */
export const SETTINGS_FILE = '.flowcallout.json';

/** The file name without its folder (either separator). */
export function fileBaseName(file: string): string {
  return file.replace(/^.*[\\/]/, '');
}

export function isCalloutFile(file: string): boolean {
  return CALLOUT_FILE.test(file);
}

export function isFlowFile(file: string): boolean {
  return FLOW_FILE.test(file);
}

export function isEsrFile(file: string): boolean {
  return ESR_FILE.test(file);
}

export function isEnvironmentsFile(file: string): boolean {
  return ENVIRONMENTS_FILE.test(file);
}

/** `force-app/…/flows/Order_Sync.flow-meta.xml` → `Order_Sync` (a flow's API name is its file name). */
export function flowNameOf(file: string): string {
  return fileBaseName(file).replace(FLOW_FILE, '');
}

/** `callouts/ExternalCrm.callout.yaml` → `ExternalCrm` (the file name; the definition's `name` may differ). */
export function calloutFileStem(file: string): string {
  return fileBaseName(file).replace(CALLOUT_FILE, '');
}

/** `X.externalServiceRegistration-meta.xml` → `X` (the registration's name is its file name). */
export function esrNameOf(file: string): string {
  return fileBaseName(file).replace(ESR_FILE, '');
}

export type MetadataKind = 'namedCredential' | 'externalCredential' | 'esr' | 'esrSchema' | 'field' | 'flow' | 'callout' | 'apex' | 'project' | 'settings';

/**
 * A decomposed registration's schema (decomposeExternalServiceRegistrationBeta, reference C14): `X.yaml` /
 * `X.yml` / `X.json` in an `externalServiceRegistrations` folder. It counts only when
 * `X.externalServiceRegistration-meta.xml` sits beside it (ProjectIndex pairs them).
 */
const ESR_SCHEMA_FILE = /(^|[\\/])externalServiceRegistrations[\\/][^\\/]+\.(ya?ml|json)$/;

/** Decomposed registrations' schemas, as a glob (the language server watches it besides PROJECT_FILES_GLOB). */
export const ESR_SCHEMA_GLOB = '**/externalServiceRegistrations/*.{yaml,yml,json}';

const FIELD_PATH = /[\\/]objects[\\/]([^\\/]+)[\\/]fields[\\/]/;

/** What the project index reads a file as (undefined: not read). */
export function classifyFile(file: string): MetadataKind | undefined {
  const base = fileBaseName(file);
  if (base === SFDX_PROJECT_FILE) return 'project';
  if (base === SETTINGS_FILE) return 'settings';
  if (base.endsWith('.namedCredential-meta.xml')) return 'namedCredential';
  if (base.endsWith('.externalCredential-meta.xml')) return 'externalCredential';
  if (isEsrFile(base)) return 'esr';
  if (base.endsWith('.field-meta.xml') && FIELD_PATH.test(file)) return 'field';
  if (isFlowFile(base)) return 'flow';
  if (isCalloutFile(base)) return 'callout';
  if (base.endsWith('.cls')) return 'apex';
  if (ESR_SCHEMA_FILE.test(file)) return 'esrSchema';
  return undefined;
}

/** The object a `objects/<Object>/fields/<Field>.field-meta.xml` file belongs to. */
export function fieldObjectOf(file: string): string | undefined {
  return FIELD_PATH.exec(file)?.[1];
}

/** A file's name without the metadata suffix of its kind (`Crm.namedCredential-meta.xml` → `Crm`). */
export function metadataNameOf(file: string, kind: MetadataKind): string {
  const base = fileBaseName(file);
  switch (kind) {
    case 'flow': return flowNameOf(base);
    case 'esr': return esrNameOf(base);
    case 'callout': return calloutFileStem(base);
    case 'namedCredential': return base.replace(/\.namedCredential-meta\.xml$/, '');
    case 'externalCredential': return base.replace(/\.externalCredential-meta\.xml$/, '');
    case 'field': return base.replace(/\.field-meta\.xml$/, '');
    case 'apex': return base.replace(/\.cls$/, '');
    default: return base;
  }
}

/** Every file the project index reads, as one glob (the language server watches it). */
export const PROJECT_FILES_GLOB = `**/{${SFDX_PROJECT_FILE},${SETTINGS_FILE},*.namedCredential-meta.xml,*.externalCredential-meta.xml,*.externalServiceRegistration-meta.xml,*.field-meta.xml,*.flow-meta.xml,*.flow,*.cls,*.callout.yaml,*.callout.yml,*.callout.json}`;
