// Callout definitions indexed lazily by name (core/project/definitions.ts) through the language server: the
// open flows' and definition's diagnostics equal those of a server that parses every definition first
// (FLOW_CALLOUT_EAGER_INDEX=1) — after opening (the open definition is taken into the index as an edit), after an
// edit that keeps its name, after a rename that hands the name to the other file and makes a flow's unknown
// service known, and after a new definition file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot, startServer, type StartedServer } from './client';

const FLOWS = 'force-app/main/default/flows';
let dir: string;
const crm = fs.readFileSync(path.join(repoRoot, 'examples/callouts/ExternalCrmLeads.callout.yaml'), 'utf8');
const named = (name: string, extra = '') => crm.replace(/^name: .*$/m, `name: ${name}`) + extra;
const leadFlow = fs.readFileSync(path.join(repoRoot, 'examples', FLOWS, 'Lead_To_External_CRM.flow-meta.xml'), 'utf8');
const CALLED = ['Svc', 'SvcRenamed', 'WeatherForcast', 'svc'];

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-lsp-lazydefs-'));
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('callouts/a/Svc.callout.yaml', named('Svc'));
  write('callouts/b/SvcCopy.callout.yaml', named('Svc', 'description: the copy of Svc\n').replace('operation: createLead', 'operation: createLeadCopy'));
  write('callouts/a/Mentions.callout.yaml', named('Mentions', '# not SvcRenamed, not Svc\n'));
  CALLED.forEach((s) => write(`${FLOWS}/Calls_${s}.flow-meta.xml`, leadFlow.replace(/ExternalCrmLeads(?=[._])/g, s)));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = () => [
  ...CALLED.map((s) => ({ file: path.join(dir, FLOWS, `Calls_${s}.flow-meta.xml`), languageId: 'flow-metadata-xml' })),
  { file: path.join(dir, 'callouts/a/Svc.callout.yaml'), languageId: 'flow-callout-yaml' },
].map((d) => ({ ...d, text: fs.readFileSync(d.file, 'utf8') }));

/**
 * The last diagnostics per URI once every open document was published after `since` (a history index) and the
 * server has then published nothing new for a while.
 */
async function quiet(server: StartedServer, since: number): Promise<Map<string, PublishDiagnosticsParams['diagnostics']>> {
  const uris = open().map((d) => pathToFileURL(d.file).toString());
  for (let i = 0; i < 300; i++) {
    const later = server.history.slice(since);
    if (uris.every((u) => later.some((h) => h.kind === 'diagnostics' && h.params.uri === u))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  let seen = -1;
  for (let i = 0; i < 100 && seen !== server.history.length; i++) {
    seen = server.history.length;
    await new Promise((r) => setTimeout(r, 500));
  }
  const out = new Map<string, PublishDiagnosticsParams['diagnostics']>();
  for (const h of server.history.slice(since)) if (h.kind === 'diagnostics') out.set(h.params.uri, h.params.diagnostics);
  return out;
}

test('lazy definitions through the language server: the same diagnostics as eager indexing, through edits', async () => {
  const servers = [await startServer(dir, undefined, { open: open() }), await startServer(dir, undefined, { open: open(), env: { ...process.env, FLOW_CALLOUT_EAGER_INDEX: '1' } })];
  try {
    let since = [0, 0];
    const compare = async (step: string) => {
      const [lazy, eager] = await Promise.all(servers.map((s, i) => quiet(s, since[i])));
      for (const d of open()) {
        const uri = pathToFileURL(d.file).toString();
        assert.ok(eager.has(uri), `${step}: no diagnostics for ${uri}`);
        assert.deepEqual(lazy.get(uri), eager.get(uri), `${step}: ${path.basename(d.file)}`);
      }
      return eager;
    };
    const first = await compare('opened');
    const uriOf = (s: string) => pathToFileURL(path.join(dir, FLOWS, `Calls_${s}.flow-meta.xml`)).toString();
    // The unknown service is reported, with the near name offered.
    assert.ok(first.get(uriOf('WeatherForcast'))!.some((d) => /Did you mean "WeatherForecast/.test(d.message)), JSON.stringify(first.get(uriOf('WeatherForcast'))));
    assert.ok(first.get(uriOf('SvcRenamed'))!.some((d) => d.code === 'flow-unknown-action'));

    const def = pathToFileURL(path.join(dir, 'callouts/a/Svc.callout.yaml')).toString();
    const edits: [string, string, string][] = [
      ['an edit keeping the name', def, named('Svc', 'description: edited\n')],
      ['a rename', def, named('SvcRenamed')],
    ];
    let version = 2;
    for (const [step, uri, text] of edits) {
      since = servers.map((s) => s.history.length);
      for (const s of servers) await s.change(uri, text, version);
      version++;
      await compare(step);
    }
    const renamed = await compare('the rename, again');
    assert.ok(!renamed.get(uriOf('SvcRenamed'))!.some((d) => d.code === 'flow-unknown-action'), 'the renamed definition answers for its new name');

    // A new definition file, as the watcher reports it.
    fs.writeFileSync(path.join(dir, 'callouts/WeatherForcast.callout.yaml'), named('WeatherForcast'));
    since = servers.map((s) => s.history.length);
    for (const s of servers) {
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'callouts/WeatherForcast.callout.yaml')).toString(), type: 1 }] });
    }
    const added = await compare('a new file');
    assert.ok(!added.get(uriOf('WeatherForcast'))!.some((d) => d.code === 'flow-unknown-action'));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
});
