// flow-unknown-action's "did you mean" for an unknown service is made once per project state and shared by
// the flows that name it (FlowAnalysis.projectMemo): a definition renamed or restored changes it at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from '../../../server/src/core/service';
import { nodeFs } from '../../../server/src/core/project/fs';
import { examplesRoot } from '../helpers';

test('an unknown service: its candidates follow the project state, the same for every flow naming it', async () => {
  const service = getLanguageService({ fs: nodeFs });
  await service.session.load(examplesRoot);
  const flowFile = path.join(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
  const typo = fs.readFileSync(flowFile, 'utf8').replace('<actionName>ExternalCrmLeads.createLead<', '<actionName>ExternalCrmLead.createLead<');
  const unknown = (uri: string) => service.validate({ uri, fileName: flowFile, text: typo }).filter((p) => p.code === 'flow-unknown-action');
  const near = (uri: string) => {
    const [p] = unknown(uri);
    assert.ok(p, 'reported');
    return { severity: p.severity, candidates: p.fix && 'candidates' in p.fix ? p.fix.candidates : [] };
  };
  const first = near('file:///a.flow-meta.xml');
  assert.deepEqual(first, { severity: 'warning', candidates: ['ExternalCrmLeads.createLead'] });
  assert.deepEqual(near('file:///b.flow-meta.xml'), first, 'a second flow naming the same service');

  // The definition renamed far away (unsaved): no near name, an info note.
  const definition = path.join(examplesRoot, 'callouts/ExternalCrmLeads.callout.yaml');
  const text = fs.readFileSync(definition, 'utf8');
  assert.equal(service.session.editorChanged(definition, text.replace(/^name: ExternalCrmLeads$/m, 'name: PartnerDirectory')), true);
  assert.deepEqual(near('file:///c.flow-meta.xml'), { severity: 'info', candidates: [] });
  // Renamed to another near name: that one is offered.
  assert.equal(service.session.editorChanged(definition, text.replace(/^name: ExternalCrmLeads$/m, 'name: ExternalCrmLeadz')), true);
  assert.deepEqual(near('file:///d.flow-meta.xml').candidates, ['ExternalCrmLeadz.createLead']);
  // Closed without saving: the file on disk again.
  assert.equal(await service.session.documentClosed(definition, () => true), true);
  assert.deepEqual(near('file:///e.flow-meta.xml'), first);
});
