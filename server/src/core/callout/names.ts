// Environment names and defaults, without the file parser (so the VS Code client can show them at
// activation without loading the validator).

export const MOCK_ENVIRONMENT = 'mock';
export const METADATA_ENVIRONMENT = 'metadata';
export const DEFAULT_ENVIRONMENTS_FILE = 'flow-callout.environments.json';

interface NamedEnvironments {
  default?: string;
  environments: Map<string, unknown>;
}

/** The environments a person can pick: mock first, the file's own, then the metadata URLs. */
export function environmentNames(file?: NamedEnvironments): string[] {
  return [MOCK_ENVIRONMENT, ...(file ? [...file.environments.keys()] : []), METADATA_ENVIRONMENT];
}

export function defaultEnvironment(file?: NamedEnvironments): string {
  return file?.default && (file.default === MOCK_ENVIRONMENT || file.default === METADATA_ENVIRONMENT || file.environments.has(file.default)) ? file.default : MOCK_ENVIRONMENT;
}
