// Callout definitions with a `test.expect` block in VS Code's Testing view: one test per definition, run one
// or all, against the built-in mock by default (a second profile runs them against the last environment the
// user picked). A run is an ordinary Send Test Callout (the same engine, panel and history); the result's
// failed expectations become the test's messages, with expected/actual for the diff view.
import * as vscode from 'vscode';
import type { CalloutResult } from '../../server/src/core/callout/result';
import { loadGenerators } from './generate/loadEngine';

const GLOB = '**/*.callout.{yaml,yml,json}';

interface Expectations {
  keys: string[];
  /** 0-based line of `expect:`. */
  line: number;
}

/** The keys of `test.expect` and where the block is, or undefined when the definition has none. */
function expectationsOf(text: string, fileName: string): Expectations | undefined {
  const { CalloutDefinition, parseCalloutText } = loadGenerators();
  const def = new CalloutDefinition({ fileName, text, tree: parseCalloutText(text, fileName) });
  const keys = Object.keys(def.testExpect());
  if (!keys.length) return undefined;
  const test = def.prop('test')?.value;
  const expect = test?.type === 'object' ? test.properties.find((p) => p.key === 'expect') : undefined;
  const offset = expect?.keyOffset ?? 0;
  return { keys, line: text.slice(0, offset).split('\n').length - 1 };
}

/** What the last run said per test (for the integration tests: the Testing view's own results are not readable). */
/** A test's outcome, its messages, and the line written to the Test Results output for it. */
export type TestOutcome = { state: 'passed' | 'failed' | 'errored' | 'skipped'; messages: string[]; output?: string };

/** The Test Results line for one send: what was sent where, what came back, and the expectations. */
export function outputLine(result: CalloutResult): string {
  const head = `${result.passed ? '✓' : '✗'} ${result.definition.action} → ${result.environment}`;
  if (result.error) return `${head}: not completed (${result.error.code}) — ${result.error.message}`;
  const status = result.response ? `HTTP ${result.response.status}${result.response.statusText ? ` ${result.response.statusText}` : ''} in ${Math.round(result.response.timing.totalMs)} ms` : 'no response';
  const failed = result.expectations.filter((e) => !e.pass);
  const expectations = failed.length
    ? failed.map((e) => e.message).join('; ')
    : `${result.expectations.length} expectation(s) pass`;
  const verdict = (result.failures ?? []).map((f) => `; ✗ ${f.code}: ${f.message}`).join('');
  return `${head}: ${status}, ${pathLabel(result.path.kind)}; ${expectations}${verdict}`;
}

/** The flow path in words: a declared 4XX also continues on the normal path (core/model/outcome.ts), so not "success". */
function pathLabel(kind: CalloutResult['path']['kind']): string {
  return kind === 'success' ? 'normal path' : kind === 'fault' ? 'fault path' : kind === 'unknown' ? 'path not known' : 'not sent';
}

export interface CalloutTesting {
  controller: vscode.TestController;
  /** Finds the definitions with expectations (what opening the Testing view does). */
  discover(): Promise<void>;
  /** Runs the given tests (all when omitted) with the default profile (mock). */
  run(items?: vscode.TestItem[]): Promise<Map<string, TestOutcome>>;
}

export function registerTesting(context: vscode.ExtensionContext): CalloutTesting {
  const controller = vscode.tests.createTestController('flowCallout.tests', vscode.l10n.t('Flow Callouts'));
  context.subscriptions.push(controller);

  const refreshFile = async (uri: vscode.Uri) => {
    let text: string;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      controller.items.delete(uri.toString());
      return;
    }
    const found = expectationsOf(text, uri.fsPath);
    if (!found) {
      controller.items.delete(uri.toString());
      return;
    }
    const label = uri.path.replace(/^.*\//, '').replace(/\.callout\.(ya?ml|json)$/i, '');
    const item = controller.createTestItem(uri.toString(), label, uri);
    item.range = new vscode.Range(found.line, 0, found.line, 0);
    item.description = vscode.l10n.t('{0} expectation(s)', found.keys.length);
    item.tags = [];
    controller.items.add(item);
  };

  const discover = async () => {
    const files = await vscode.workspace.findFiles(GLOB, '**/node_modules/**', 2000);
    const seen = new Set(files.map((f) => f.toString()));
    controller.items.forEach((item) => {
      if (!seen.has(item.id)) controller.items.delete(item.id);
    });
    await Promise.all(files.map(refreshFile));
  };
  controller.resolveHandler = async (item) => {
    if (!item) await discover();
  };
  controller.refreshHandler = () => discover();

  const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(refreshFile),
    watcher.onDidChange(refreshFile),
    watcher.onDidDelete((uri) => controller.items.delete(uri.toString())),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (/\.callout\.(ya?ml|json)$/i.test(d.fileName)) void refreshFile(d.uri);
    }),
  );

  const run = async (request: vscode.TestRunRequest, token: vscode.CancellationToken, environment: string | undefined): Promise<Map<string, TestOutcome>> => {
    const real = controller.createTestRun(request);
    const outcomes = new Map<string, TestOutcome>();
    const note = (item: vscode.TestItem, state: TestOutcome['state'], messages: vscode.TestMessage[] = []) =>
      outcomes.set(item.id, { ...outcomes.get(item.id), state, messages: messages.map((m) => (typeof m.message === 'string' ? m.message : m.message.value)) });
    // One line per test in the Test Results output (without it VS Code says "The test run did not record any output").
    const output = (item: vscode.TestItem, line: string) => {
      outcomes.set(item.id, { state: 'skipped', messages: [], ...outcomes.get(item.id), output: line });
      real.appendOutput(`${line.replace(/\r?\n/g, '\r\n')}\r\n`, item.uri && item.range ? new vscode.Location(item.uri, item.range) : undefined, item);
    };
    const testRun = {
      started: (item: vscode.TestItem) => real.started(item),
      passed: (item: vscode.TestItem, duration?: number) => (note(item, 'passed'), real.passed(item, duration)),
      skipped: (item: vscode.TestItem) => (note(item, 'skipped'), real.skipped(item)),
      failed: (item: vscode.TestItem, m: vscode.TestMessage[], duration?: number) => (note(item, 'failed', m), real.failed(item, m, duration)),
      errored: (item: vscode.TestItem, m: vscode.TestMessage, duration?: number) => (note(item, 'errored', [m]), real.errored(item, m, duration)),
      end: () => real.end(),
    };
    const queue: vscode.TestItem[] = [];
    if (request.include) queue.push(...request.include);
    else controller.items.forEach((item) => queue.push(item));
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    for (const item of queue) {
      if (excluded.has(item.id)) continue;
      if (token.isCancellationRequested) {
        testRun.skipped(item);
        continue;
      }
      testRun.started(item);
      const started = Date.now();
      try {
        const result = (await vscode.commands.executeCommand('flowCallout.sendTestCallout', item.uri, environment)) as CalloutResult | undefined;
        const duration = Date.now() - started;
        if (result && result.error?.code !== 'cancelled') output(item, outputLine(result));
        if (!result) testRun.errored(item, new vscode.TestMessage(vscode.l10n.t('The test callout was not sent (cancelled, or the workspace is not trusted).')), duration);
        else if (result.error?.code === 'cancelled') testRun.skipped(item);
        else if (result.error && result.error.code !== 'cancelled') {
          testRun.errored(item, located(new vscode.TestMessage(`${result.error.code}: ${result.error.message}`), item), duration);
        } else if (result.passed) testRun.passed(item, duration);
        else {
          // Failed expectations (with expected/actual for the diff view), then why the flow could not use the
          // response (core/callout/verdict.ts: the same failures the CLI's text and JUnit show).
          const failed = result.expectations.filter((e) => !e.pass);
          const messages = [
            ...failed.map((e) => located(vscode.TestMessage.diff(`${e.name}: ${e.message}`, e.expected, e.actual), item)),
            ...(result.failures ?? []).map((f) => located(new vscode.TestMessage(`${f.code}: ${f.message}`), item)),
          ];
          if (!messages.length) messages.push(located(new vscode.TestMessage(vscode.l10n.t('The flow takes the {0}.', pathLabel(result.path.kind))), item));
          testRun.failed(item, messages, duration);
        }
      } catch (e) {
        testRun.errored(item, new vscode.TestMessage(e instanceof Error ? e.message : String(e)), Date.now() - started);
      }
    }
    testRun.end();
    return outcomes;
  };

  controller.createRunProfile(vscode.l10n.t('Run against the mock'), vscode.TestRunProfileKind.Run, (request, token) => void run(request, token, 'mock'), true);
  controller.createRunProfile(vscode.l10n.t('Run against an environment…'), vscode.TestRunProfileKind.Run, (request, token) => void run(request, token, undefined), false);
  return {
    controller,
    discover,
    run: (items) => run(new vscode.TestRunRequest(items), new vscode.CancellationTokenSource().token, 'mock'),
  };
}

function located(message: vscode.TestMessage, item: vscode.TestItem): vscode.TestMessage {
  if (item.uri && item.range) message.location = new vscode.Location(item.uri, item.range);
  return message;
}
