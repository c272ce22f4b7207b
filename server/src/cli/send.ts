// `flow-callout send`: Send Test Callout headless, with the same engine as the extension. Secrets come from
// environment variables FLOW_CALLOUT_SECRET_<CREDENTIAL>_<PARAMETER>; results are masked before printing.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  contextFromProject, DEFAULT_ENVIRONMENTS_FILE, METADATA_ENVIRONMENT, envSecretResolver, parseEnvironments, runCallout,
  type CalloutResult, type EnvironmentsFile, type ProxySettings,
} from '../core/callout';
import { nodeFs } from '../core/project/fs';
import { CalloutDefinition } from '../core/model/definition';
import { parseCalloutText } from '../core/parse';
import { ProjectIndex } from '../core/project/index';
import { summarizeFlow } from '../core/flow/summary';
import { classifyFile, isCalloutFile, SFDX_PROJECT_FILE } from '../core/project/fileKinds';
import { registerCommand, UsageError } from './registry';
import { formatJunit, formatResultText } from './sendFormat';
import { findProjectRoot } from './projectRoot';
import { runSendFlow } from './sendFlow';

const HELP = `Usage: flow-callout send FILE… [--env NAME] [--base-url URL] [--input NAME=VALUE]… [--response KEY]
                         [--json] [--junit FILE] [--timeout S] [--environments FILE] [--proxy URL]
       flow-callout send FLOW --element ACTION [--status 404|timeout|connection] [--flow-test LABEL] [options above]

Sends each callout definition's test callout and prints the request, the response, the Flow outputs, the
flow variables they are mapped to, the flow path and the test.expect results.

  --env NAME           mock (default: the built-in mock serves the definition's samples on loopback),
                       metadata (the named credential's own URL), or an environment of the environments file
  --environments FILE  the environments file (default: ${DEFAULT_ENVIRONMENTS_FILE} in the project root)
  --base-url URL       send to this base URL instead (the definition's path is appended); without --env it
                       authenticates as environment metadata does
  --input NAME=VALUE   a value for a merge field or parameter ($Record.Email=a@b.c, latitude=52.5); repeatable
  --response KEY       the response the mock answers with (2XX, 4XX, 404…; default test.response, else 2XX)
  --timeout S          seconds before giving up (default: the definition's timeout, else 120 as in Salesforce; at most 120)
  --proxy URL          proxy for the request (default: HTTPS_PROXY / HTTP_PROXY, with NO_PROXY)
  --json               one JSON object: { passed, results: [CalloutResult…] }
  --junit FILE         also write JUnit XML (one test suite per definition; a test case per expectation);
                       --junit - prints it to stdout instead of the text report

From a flow (*.flow-meta.xml): sends the External Service action --element with the inputs the flow gives it
(its literals; references resolved from a Flow Test of the project, .flowcallout/tests/<Flow>.<Action>.yaml,
then --input) and prints what the flow does next: outputs mapped to variables, the path by element with each
Decision's outcome, and the record writes it reaches (never performed).
  --element NAME       the action element's API name
  --status S           with the mock: answer with this status (a declared one is served from the registration's
                       sample; others, timeout and connection are simulated without sending)
  --flow-test LABEL    the Flow Test whose $Record to start from (default: the first one for the flow)

Secrets (named credential parameters) are read from environment variables named after their reference:
  ExternalCRM.apiKey      → FLOW_CALLOUT_SECRET_EXTERNALCRM_APIKEY
  AddressCheck.password   → FLOW_CALLOUT_SECRET_ADDRESSCHECK_PASSWORD
They never appear in the output: every secret value is printed as ••••.

Exit codes: 0 every expectation passed; 1 an expectation failed (from a flow: the path ends in an unhandled
fault); 2 usage, network or setup error.
`;

const WITH_VALUE = ['--env', '--base-url', '--input', '--response', '--junit', '--timeout', '--environments', '--proxy', '--element', '--status', '--flow-test'];

interface SendArgs {
  files: string[];
  env?: string;
  baseUrl?: string;
  inputs: Record<string, unknown>;
  response?: string;
  json: boolean;
  junit?: string;
  timeout?: number;
  environments?: string;
  proxy?: string;
  element?: string;
  status?: string;
  flowTest?: string;
}

function inputValue(raw: string): unknown {
  if (/^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)$/.test(raw)) return JSON.parse(raw);
  return raw;
}

export function parseSendArgs(args: string[]): SendArgs {
  const out: SendArgs = { files: [], inputs: {}, json: false };
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let v: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && WITH_VALUE.includes(a.slice(0, eq))) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    } else if (WITH_VALUE.includes(a)) {
      v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value.`);
    }
    switch (a) {
      case '--env': out.env = v; break;
      case '--base-url':
        if (!/^https?:\/\//.test(v!)) throw new UsageError(`--base-url must start with http:// or https:// (got "${v}").`);
        out.baseUrl = v;
        break;
      case '--input': {
        const at = v!.indexOf('=');
        if (at <= 0) throw new UsageError(`--input takes NAME=VALUE (got "${v}").`);
        out.inputs[v!.slice(0, at)] = inputValue(v!.slice(at + 1));
        break;
      }
      case '--response': out.response = v; break;
      case '--junit': out.junit = v; break;
      case '--environments': out.environments = v; break;
      case '--proxy': out.proxy = v; break;
      case '--element': out.element = v; break;
      case '--status': out.status = v; break;
      case '--flow-test': out.flowTest = v; break;
      case '--timeout': {
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0 || n > 120) throw new UsageError(`--timeout takes seconds between 1 and 120 (got "${v}").`);
        out.timeout = n;
        break;
      }
      case '--json': out.json = true; break;
      default:
        if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
        out.files.push(a);
    }
  }
  if (!out.files.length) throw new UsageError('Give at least one callout definition (*.callout.yaml, *.callout.json), or a flow with --element.');
  if (out.json && out.junit === '-') throw new UsageError('--json and --junit - both print to stdout: give --junit a file name.');
  // A base URL of one's own is a real server, not the built-in mock: authenticate as the named credential's
  // metadata says (its secrets from FLOW_CALLOUT_SECRET_…), unless --env names something else.
  if (out.baseUrl && !out.env) out.env = METADATA_ENVIRONMENT;
  return out;
}

async function loadEnvironments(root: string, explicit: string | undefined): Promise<EnvironmentsFile | undefined> {
  const candidates = explicit ? [path.resolve(explicit)] : [DEFAULT_ENVIRONMENTS_FILE, 'flow-callout.environments.yaml'].map((f) => path.join(root, f));
  for (const file of candidates) {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch {
      if (explicit) throw new Error(`The environments file ${explicit} cannot be read. Check the path given to --environments.`);
      continue;
    }
    const parsed = parseEnvironments(text, path.relative(process.cwd(), file) || file);
    if (!parsed.value) throw new Error(`${parsed.problems.join('\n')}\nFix the environments file (its schema is schemas/environments.schema.json).`);
    return parsed.value;
  }
  return undefined;
}

/**
 * The part of the project a send reads (contextFromProject): the named and external credentials, and the
 * flows that may call a definition's action — a flow is parsed only when its text names one of the
 * definitions (the action is <name>.<operation>), or every flow when a definition links one by `flow:`.
 * The full index (every callout definition, registration, field and flow parsed) is what validate needs;
 * a one-shot send does not.
 */
async function loadSendProject(root: string, definitions: { text: string; fileName: string }[]): Promise<ProjectIndex> {
  const index = new ProjectIndex(root, { summarizeFlow });
  const projectFile = path.join(root, SFDX_PROJECT_FILE);
  if (await nodeFs.exists(projectFile)) index.update(projectFile, await nodeFs.readFile(projectFile));
  const defs = definitions.map((d) => new CalloutDefinition({ ...d, tree: parseCalloutText(d.text, d.fileName) }));
  const callers = defs.some((d) => d.flow || !d.name)
    ? undefined
    : defs.map((d) => new RegExp(`${d.name!.replace(/[^A-Za-z0-9_]/g, '\\$&')}\\.`, 'i'));
  const dirs = index.packageDirectories.length ? index.packageDirectories.map((d) => path.join(root, d)) : [root];
  const seen = new Set<string>();
  for (const dir of [...dirs, root]) {
    for (const file of await nodeFs.listFiles(dir)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const kind = classifyFile(file);
      if (kind !== 'namedCredential' && kind !== 'externalCredential' && kind !== 'flow') continue;
      let text: string;
      try {
        text = await nodeFs.readFile(file);
      } catch (e) {
        index.indexErrors.set(file, (e as Error).message);
        continue;
      }
      if (kind === 'flow' && callers && !callers.some((re) => re.test(text))) continue;
      index.update(file, text);
    }
  }
  return index;
}

function proxyFromEnv(explicit: string | undefined): ProxySettings | undefined {
  const env = process.env;
  const url = explicit ?? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  return url ? { url, noProxy: env.NO_PROXY ?? env.no_proxy } : undefined;
}

export async function runSend(args: string[], write: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const opts = parseSendArgs(args);
  const files = opts.files.map((f) => path.resolve(f));
  if (classifyFile(files[0]) === 'flow' || opts.element) {
    if (files.length !== 1 || classifyFile(files[0]) !== 'flow') throw new UsageError('--element sends from one flow: give one *.flow-meta.xml file.');
    const root = await findProjectRoot(path.dirname(files[0]));
    return runSendFlow(files[0], root, { ...opts }, await loadEnvironments(root, opts.environments), proxyFromEnv(opts.proxy), write);
  }
  if (opts.status || opts.flowTest) throw new UsageError('--status and --flow-test apply to a send from a flow (with --element); use --response KEY with a definition.');
  for (const f of files) {
    if (!isCalloutFile(f)) throw new UsageError(`${path.relative(process.cwd(), f)} is not a callout definition (*.callout.yaml, *.callout.yml, *.callout.json).`);
  }
  const root = await findProjectRoot(path.dirname(files[0]));
  const texts = new Map<string, string>();
  for (const file of files) {
    try {
      texts.set(file, await fsp.readFile(file, 'utf8'));
    } catch {
      throw new Error(`${path.relative(process.cwd(), file)} cannot be read. Check the path.`);
    }
  }
  const project = await loadSendProject(root, [...texts].map(([fileName, text]) => ({ fileName, text })));
  const environments = await loadEnvironments(root, opts.environments);
  const secrets = envSecretResolver(process.env);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const results: { result: CalloutResult; file: string }[] = [];
  const textReport = !opts.json && opts.junit !== '-';
  try {
    for (const file of files) {
      const text = texts.get(file)!;
      const ctx = await contextFromProject(project, { text, fileName: file }, nodeFs.readFile);
      const result = await runCallout(ctx, {
        secrets, environment: opts.env, environments, inputs: opts.inputs, signal: controller.signal, timeoutSeconds: opts.timeout,
        proxy: proxyFromEnv(opts.proxy), mockResponse: opts.response, baseUrl: opts.baseUrl,
      });
      const rel = path.relative(process.cwd(), file);
      results.push({ result, file: rel });
      if (textReport) write(`${formatResultText(result, rel)}\n\n`);
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  const passed = results.every((r) => r.result.passed);
  if (opts.json) write(`${JSON.stringify({ passed, results: results.map((r) => r.result) }, null, 2)}\n`);
  if (opts.junit === '-') write(formatJunit(results));
  else if (opts.junit) {
    const target = path.resolve(opts.junit);
    const tmp = `${target}.${process.pid}.tmp`;
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(tmp, formatJunit(results), 'utf8');
    await fsp.rename(tmp, target);
  }
  if (textReport) {
    const failed = results.filter((r) => !r.result.passed).length;
    write(`${results.length - failed} passed, ${failed} failed\n`);
  }
  if (results.some((r) => r.result.error)) return 2;
  return passed ? 0 : 1;
}

registerCommand('send', {
  help: HELP,
  run: (args) => runSend(args),
});
