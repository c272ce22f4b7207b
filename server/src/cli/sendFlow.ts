// `flow-callout send <flow> --element <Action>`: Send Test Callout from a flow's action and print what the
// flow does next — status, outputs mapped to variables, the path by element, record writes. Exit 1 when the
// path ends in an unhandled fault, 2 on setup errors (nothing sent).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { envSecretResolver, type EnvironmentsFile, type ProxySettings } from '../core/callout';
import { sendFromFlow, type FlowSendResult, type SimulatedOutcome } from '../core/flowrun/send';
import { flowTestsOf, loadFlowSendProject, savedTestInputs } from '../core/flowrun/project';
import { nodeFs } from '../core/project/fs';
import { UsageError } from './registry';
import { escapeXml } from './sendFormat';
import { keepableInputs, lastInputsFile, readLastInputs, writeLastInputs } from './lastInputs';

export interface FlowSendArgs {
  element?: string;
  status?: string;
  flowTest?: string;
  env?: string;
  baseUrl?: string;
  inputs: Record<string, unknown>;
  json: boolean;
  junit?: string;
  timeout?: number;
}

export function parseStatus(raw: string | undefined): SimulatedOutcome | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'timeout' || raw === 'connection') return raw;
  if (/^[1-5]\d\d$/.test(raw)) return Number(raw);
  throw new UsageError(`--status takes an HTTP status (200, 404…), timeout or connection (got "${raw}").`);
}

export async function runSendFlow(file: string, root: string, opts: FlowSendArgs, environments: EnvironmentsFile | undefined, proxy: ProxySettings | undefined, write: (s: string) => void): Promise<number> {
  if (!opts.element) throw new UsageError('Sending from a flow needs --element <ActionName>: the API name of the action element to send.');
  const status = parseStatus(opts.status);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    throw new Error(`${path.relative(process.cwd(), file)} cannot be read. Check the path.`);
  }
  const loaded = await loadFlowSendProject(root, nodeFs);
  const project = loaded.project;
  const flowName = path.basename(file).replace(/\.flow(-meta\.xml)?$/i, '');
  const candidates = flowTestsOf(loaded, flowName);
  const flowTest = opts.flowTest ? candidates.find((t) => t.label === opts.flowTest) : candidates[0];
  if (opts.flowTest && !flowTest) throw new UsageError(`No Flow Test labelled "${opts.flowTest}" for ${flowName} (found: ${candidates.map((t) => t.label).join(', ') || 'none'}).`);
  const saved = await savedTestInputs(root, flowName, opts.element, nodeFs);
  // The last values used for this action (the user's cache folder, not the project): after everything else.
  const lastFile = lastInputsFile(root, flowName, opts.element);
  const last = await readLastInputs(lastFile);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let result: FlowSendResult;
  try {
    result = await sendFromFlow({
      project, flow: { file, text }, element: opts.element, readFile: nodeFs.readFile, given: opts.inputs, saved, last, flowTest, status,
      options: { secrets: envSecretResolver(process.env), environment: opts.env, environments, signal: controller.signal, timeoutSeconds: opts.timeout, proxy, baseUrl: opts.baseUrl },
    });
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  if (result.callout && !result.missing.length) await writeLastInputs(lastFile, keepableInputs(result.inputs));
  const summary = flowSendJson(result);
  if (opts.junit === '-') write(flowSendJunit(result));
  else write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : formatFlowSend(result));
  if (opts.junit && opts.junit !== '-') {
    const target = path.resolve(opts.junit);
    const tmp = `${target}.${process.pid}.tmp`;
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(tmp, flowSendJunit(result), 'utf8');
    await fsp.rename(tmp, target);
  }
  if (result.error || result.missing.length || (!result.run && !result.callout?.response)) return 2;
  return result.run?.end.kind === 'unhandled-fault' ? 1 : 0;
}

/** The --json shape: what the flow does, field by field (the full CalloutResult under `callout`). */
export function flowSendJson(r: FlowSendResult): Record<string, unknown> {
  const run = r.run;
  return {
    flow: r.flow, element: r.element, action: r.actionName, operation: r.operation,
    status: run?.outcome.status ?? r.callout?.response?.status ?? null,
    outcome: run?.outcome ?? null,
    inputs: r.inputs, missing: r.missing, notSent: r.notSent ?? null, error: r.error ?? null, notes: r.notes,
    outputs: run?.outputs ?? [], unused: run?.unused ?? [],
    path: (run?.path ?? []).map((s) => ({ element: s.element, kind: s.kind, via: s.via, outcome: s.decision?.outcome, detail: s.detail })),
    writes: run?.writes ?? [],
    end: run?.end ?? null,
    callout: r.callout ?? null,
  };
}

function v(x: unknown): string {
  if (x && typeof x === 'object' && !Array.isArray(x) && typeof (x as { unknown?: unknown }).unknown === 'string') return `unknown — ${(x as { unknown: string }).unknown}`;
  const s = JSON.stringify(x);
  return s === undefined ? 'null' : s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

export function formatFlowSend(r: FlowSendResult): string {
  const out: string[] = [`${r.flow} · ${r.element} (${r.actionName})`];
  if (r.error) return `${out[0]}\n  ${r.error}\n`;
  for (const n of r.notes) out.push(`  note: ${n}`);
  if (r.inputs.length) {
    out.push('  Inputs');
    for (const i of r.inputs) out.push(`    ${i.name} (${i.in}) = ${v(i.value)}   ← ${i.source}`);
  }
  if (r.notSent) out.push(`  ${r.notSent}`);
  if (r.callout?.request.url) out.push(`  ${r.callout.request.method} ${r.callout.request.url} → ${r.callout.response ? r.callout.response.status : r.callout.error?.message ?? ''}`);
  const run = r.run;
  if (!run) return `${out.join('\n')}\n`;
  out.push(`  Outcome: ${run.outcome.reason}`);
  out.push('  Outputs the flow maps');
  if (!run.outputs.length) out.push('    (none)');
  for (const o of run.outputs) out.push(`    ${o.output} → ${o.variable} (${o.flowType}) = ${v(o.value)}${o.note ? `   (${o.note})` : ''}`);
  if (run.unused.length) {
    out.push('  Returned, not used');
    for (const u of run.unused) out.push(`    ${u.output} = ${v(u.value)}`);
  }
  out.push('  Path');
  for (const s of run.path) out.push(`    ${s.via === 'start' ? '' : `—${s.via}→ `}${s.element}: ${s.detail}`);
  out.push(`  End: ${run.end.message}`);
  for (const line of run.end.reads ?? []) out.push(`    would read ${line}`);
  if (run.writes.length) {
    out.push('  Record writes (not performed)');
    for (const w of run.writes) {
      out.push(`    ${w.element}: ${w.operation} ${w.target}`);
      for (const f of w.fields) out.push(`      ${f.field} = ${v(f.value)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** JUnit: one suite per send, a case for the send and one for the path (fails on an unhandled fault). */
export function flowSendJunit(r: FlowSendResult): string {
  const name = `${r.flow}.${r.element}`;
  const sendFail = r.error ?? (r.missing.length ? r.notSent : undefined);
  const pathFail = r.run?.end.kind === 'unhandled-fault' ? r.run.end.message : undefined;
  const failures = (sendFail ? 1 : 0) + (pathFail ? 1 : 0);
  const cases = [
    `    <testcase classname="${escapeXml(name)}" name="send">${sendFail ? `<failure message="${escapeXml(sendFail)}"/>` : ''}</testcase>`,
    `    <testcase classname="${escapeXml(name)}" name="path">${pathFail ? `<failure message="${escapeXml(pathFail)}"/>` : ''}${r.run ? `<system-out>${escapeXml(r.run.path.map((s) => s.element).join(' → '))}</system-out>` : ''}</testcase>`,
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="2" failures="${failures}">\n  <testsuite name="${escapeXml(name)}" tests="2" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
