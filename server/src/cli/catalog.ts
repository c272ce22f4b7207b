// Every CLI command: its name, the one line of the top-level help, and the bundle that holds it. The
// dispatcher (cli.ts) prints help from this list and loads only the bundle of the command it runs
// (dist/cli-<bundle>.js; entries in cli/bundles/), so `flow-callout send` never reads the validator, the
// generators or the importers. To add a command: its module registers it (registerCommand), a bundle
// entry imports the module, and a line here names both.
export interface CatalogEntry {
  name: string;
  summary: string;
  bundle: 'validate' | 'send' | 'mock' | 'generate' | 'import';
}

export const CATALOG: CatalogEntry[] = [
  { name: 'validate', bundle: 'validate', summary: 'Check callout definitions and flows (text, JSON or SARIF)' },
  { name: 'rules', bundle: 'validate', summary: 'List every rule with its id, default severity and source' },
  { name: 'send', bundle: 'send', summary: 'Send test callouts (mock or real) and check the Flow outputs, variables and test.expect' },
  { name: 'mock', bundle: 'mock', summary: "Serve the callout definitions' samples on loopback (the built-in mock)" },
  { name: 'generate', bundle: 'generate', summary: 'Compile definitions: External Service registration, Apex types preview, Apex mock + test' },
  { name: 'import', bundle: 'import', summary: 'Make callout definitions from a cURL command or an External Service registration' },
];
