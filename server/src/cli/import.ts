// `flow-callout import curl|esr`: turn what users already have into callout definitions.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { importCurl } from '../core/generate/importCurl';
import { esrNameOf, importEsr } from '../core/generate/importEsr';
import { nodeFs } from '../core/project/fs';
import { ProjectIndex } from '../core/project/index';
import { summarizeFlow } from '../core/flow/summary';
import { validateCalloutText } from '../core/validate/callout';
import { flag, option, positional, refuseUnknownOptions, registerCommand, UsageError } from './registry';
import { progress, projectLayout, reportWrites, writeGenerated } from './generateFiles';

const HELP = `Usage:
  flow-callout import curl "CURL COMMAND" [--name NAME] [--operation OP] [--named-credential NC] [--out FILE] [--force]
  flow-callout import curl --file FILE|- [--name NAME] [--operation OP] [--named-credential NC] [--out FILE] [--force]
  flow-callout import esr FILE… [--out DIR] [--force]

curl  A curl command (as in an API's docs) → a callout definition: the method; the URL split into the named
      credential's base URL (a project named credential whose URL matches is reused), the path ({id}, :id and
      $ID segments become path parameters) and query parameters; the -d/--data/--json body as the request
      sample. Headers, -u and tokens become notes about the named/external credential: their secret values
      are never copied. --name and --operation name the action (NAME.OP); by default both come from the URL.
      Prints the definition, or writes it to --out FILE. Notes go to stderr.
esr   An External Service registration (*.externalServiceRegistration-meta.xml; with the
      decomposeExternalServiceRegistrationBeta layout, its sibling <Name>.yaml schema is read too) → one
      callout definition per operation, written to --out DIR (default: callouts/ in the project root).

Existing files are replaced only when they are unchanged imports; otherwise use --force.

Exit codes: 0 imported; 1 nothing could be imported, the result has errors, or a file was not replaced;
2 usage or I/O error.
`;

const WITH_VALUE = ['--name', '--operation', '--named-credential', '--out', '--file'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function importCurlCommand(args: string[]): Promise<number> {
  refuseUnknownOptions(args, ['--name', '--operation', '--named-credential', '--out', '--file'], ['--force'],
    'Give the curl command as one quoted argument, so its own options stay in it: flow-callout import curl "curl -X POST https://api.example.com/v1/items --data \'{…}\'"');
  const file = option(args, '--file');
  const words = positional(args, WITH_VALUE);
  if (file && words.length) throw new UsageError('Give the command as one quoted argument or with --file, not both.');
  let command: string;
  if (file) {
    try {
      command = file === '-' ? await readStdin() : await fsp.readFile(file, 'utf8');
    } catch {
      throw new Error(`${file}: cannot be read. Give a text file that holds the curl command.`);
    }
  } else if (words.length === 1) command = words[0];
  else if (words.length > 1) command = words.join(' ');
  else throw new UsageError('Give the curl command in quotes: flow-callout import curl "curl https://api.example.com/v1/items"');

  const out = option(args, '--out');
  const layout = await projectLayout(out ? path.dirname(path.resolve(out)) : '.');
  const project = await ProjectIndex.load(layout.root, nodeFs, { summarizeFlow });
  const result = importCurl(command, {
    name: option(args, '--name'), operation: option(args, '--operation'), namedCredential: option(args, '--named-credential'),
    knownCredentials: [...project.namedCredentials.values()].map((c) => ({ name: c.name, url: c.url })),
  });
  if (result.errors.length) {
    process.stderr.write(result.errors.map((e) => `import curl: ${e}\n`).join(''));
    return 1;
  }
  for (const n of result.notes) process.stderr.write(`note: ${n}\n`);
  const errors = validateCalloutText(result.text, result.fileName).filter((p) => p.severity === 'error');
  for (const e of errors) process.stderr.write(`import curl: the definition has an error: ${e.message} [${e.code}]\n`);
  if (!out) {
    process.stdout.write(result.text);
    return errors.length ? 1 : 0;
  }
  const outcomes = await writeGenerated([{ path: path.resolve(out), text: result.text, kind: 'callout definition' }], 'curl', flag(args, '--force'));
  for (const line of reportWrites(outcomes, process.cwd())) process.stdout.write(`${line}\n`);
  return errors.length || outcomes.some((o) => o.decision === 'conflict') ? 1 : 0;
}

async function siblingSchema(file: string, name: string): Promise<string | undefined> {
  for (const ext of ['.yaml', '.yml', '.json']) {
    const candidate = path.join(path.dirname(file), `${name}${ext}`);
    if (candidate !== file) {
      const text = await fsp.readFile(candidate, 'utf8').catch(() => undefined);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

async function importEsrFiles(args: string[]): Promise<number> {
  refuseUnknownOptions(args, ['--out'], ['--force']);
  const files = positional(args, WITH_VALUE);
  if (!files.length) throw new UsageError('Give at least one registration: flow-callout import esr force-app/main/default/externalServiceRegistrations/X.externalServiceRegistration-meta.xml');
  const force = flag(args, '--force');
  let failed = false;
  for (const [i, given] of files.entries()) {
    progress(i + 1, files.length, given);
    const name = esrNameOf(given);
    // The decomposed layout: the user may point at X.yaml; the registration is X.externalServiceRegistration-meta.xml.
    const xmlFile = /\.ya?ml$|\.json$/i.test(given) ? path.join(path.dirname(given), `${name}.externalServiceRegistration-meta.xml`) : given;
    let xml: string;
    try {
      xml = await fsp.readFile(xmlFile, 'utf8');
    } catch {
      throw new Error(`${xmlFile}: cannot be read. Give an *.externalServiceRegistration-meta.xml file.`);
    }
    const result = importEsr({ name, xml, schemaText: await siblingSchema(xmlFile, name), source: path.basename(xmlFile) });
    if (result.errors.length) {
      failed = true;
      process.stderr.write(result.errors.map((e) => `${given}: ${e}\n`).join(''));
      continue;
    }
    const layout = await projectLayout(given);
    const dir = option(args, '--out') ? path.resolve(option(args, '--out')!) : path.join(layout.root, 'callouts');
    for (const d of result.definitions) {
      for (const n of d.notes) process.stderr.write(`${given}: ${d.operation}: note: ${n}\n`);
      const errors = validateCalloutText(d.text, d.fileName).filter((p) => p.severity === 'error');
      for (const e of errors) process.stderr.write(`${given}: ${d.operation}: the definition has an error: ${e.message} [${e.code}]\n`);
      if (errors.length) failed = true;
    }
    const outcomes = await writeGenerated(result.definitions.map((d) => ({ path: path.join(dir, d.fileName), text: d.text, kind: 'callout definition' })), path.basename(xmlFile), force);
    for (const line of reportWrites(outcomes, process.cwd())) process.stdout.write(`${line}\n`);
    if (outcomes.some((o) => o.decision === 'conflict')) failed = true;
  }
  return failed ? 1 : 0;
}

registerCommand('import', {
  help: HELP,
  async run(args) {
    const [what, ...rest] = args;
    if (what === 'curl') return importCurlCommand(rest);
    if (what === 'esr') return importEsrFiles(rest);
    throw new UsageError(what ? `Unknown source "${what}": use curl or esr.` : 'Say what to import: curl or esr.');
  },
});
