// The Send Test Callout engine: pure (no vscode, no LSP), shared by the extension and the CLI.
export * from './result';
export { runCallout, SYNC_LIMIT_BYTES, ASYNC_LIMIT_BYTES, type RunOptions } from './run';
export { contextFromProject, definitionOf, type CalloutContext } from './context';
export {
  parseEnvironments, environmentNames, defaultEnvironment, MOCK_ENVIRONMENT, METADATA_ENVIRONMENT, BASE_URL_OPTION_SOURCE, DEFAULT_ENVIRONMENTS_FILE,
  type EnvironmentsFile, type AuthConfig,
} from './environments';
export { MASK, SECRET_REF, SecretMasker, envSecretResolver, mapSecretResolver, secretEnvName, type SecretResolver } from './secrets';
export { TokenCache } from './auth';
export { startMockServer, pickMockResponse, mockStatusFor, type MockServer } from './mock';
export { toCurl } from './curl';
export type { ProxySettings, Transport } from './send';
