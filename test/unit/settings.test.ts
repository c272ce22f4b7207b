// .flowcallout.json: rule severities, calloutActions and ignore globs, read the same by the CLI and the editor;
// a misspelt rule id, severity or key is an error in the file, listing the valid values; the published schema
// knows every rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import schema from '../../schemas/flowcallout.schema.json';
import { ProjectIndex } from '../../server/src/core/project/index';
import { summarizeFlow } from '../../server/src/core/flow/summary';
import { readSettings } from '../../server/src/core/project/settings';
import { coreRuleCatalog } from '../../server/src/core/rules/catalog';
import { getLanguageService } from '../../server/src/core/service';
import { validateSettingsText } from '../../server/src/core/validate/settings';
import { marked } from './helpers';

function expectSettings(src: string): ReturnType<typeof validateSettingsText> {
  const { text, ranges } = marked(src);
  const found = validateSettingsText(text);
  assert.deepEqual(found.map((p) => text.slice(p.offset, p.offset + p.length)), ranges.map((r) => text.slice(r.offset, r.offset + r.length)), found.map((p) => p.message).join(' | '));
  assert.ok(found.every((p) => p.severity === 'error'));
  return found;
}

test('a valid .flowcallout.json has no problems, comments allowed', () => {
  expectSettings(`{
  // CI runs with these
  "$schema": "./node_modules/flow-callout-studio/schemas/flowcallout.schema.json",
  "rules": { "flow-hardcoded-url": "off", "flow-callout-in-loop": "error", "flow-unreachable-callout": "info" },
  "calloutActions": ["box__CreateFolder_v2", "dfsle__*"],
  "ignore": ["force-app/legacy/**"]
}`);
});

test('an unknown rule id, an unknown severity and an unknown key are errors naming the valid values', () => {
  const [rule, severity, key] = expectSettings(`{
  "rules": { ⟦"flow-sync-calout"⟧: "warning", "flow-hardcoded-id": ⟦"warn"⟧ },
  ⟦"calloutAction"⟧: ["dfsle__*"]
}`);
  assert.match(rule.message, /^Unknown rule "flow-sync-calout" \(did you mean "flow-sync-callout"\?\): it is not applied\. Valid rule ids: schema, .*flow-sync-callout/);
  assert.equal(severity.message, 'Severity "warn" for rule "flow-hardcoded-id" is not one of "error", "warning", "info", "off": the rule keeps its default severity until this is fixed.');
  assert.match(key.message, /^Unknown key "calloutAction" in \.flowcallout\.json \(did you mean "calloutActions"\?\): it is not read\. Valid keys: rules, calloutActions, ignore, maxFileSizeMB\.$/);
  expectSettings('{ "calloutActions": ⟦"dfsle__*"⟧, "rules": { "flow-sync-callout": ⟦3⟧ }, "maxFileSizeMB": ⟦0⟧ }');
  const syntax = validateSettingsText('{ "rules": {');
  assert.deepEqual(syntax.map((p) => [p.code, p.severity]), [['json-syntax', 'error']]);
  assert.match(syntax[0].message, /until this is fixed the CLI and the editor use the default rule severities/);
});

test('only well-formed entries are applied; calloutActions are globs without case; ignore globs are relative to the root', () => {
  const s = readSettings('{ "rules": { "flow-sync-callout": "warning", "flow-hardcoded-id": "warn" }, "calloutActions": ["dfsle__*", 3], "ignore": ["force-app/legacy/**"] }');
  assert.deepEqual(s.rules, { 'flow-sync-callout': 'warning' });
  assert.equal(s.calloutActionGlob('DFSLE__SendEnvelope'), 'dfsle__*');
  assert.equal(s.calloutActionGlob('acme__Lookup'), undefined);
  assert.equal(s.isIgnored('/p/force-app/legacy/flows/Old.flow-meta.xml', '/p'), true);
  assert.equal(s.isIgnored('/p/force-app/main/flows/New.flow-meta.xml', '/p'), false);
  assert.deepEqual(readSettings('not json').rules, {});
});

test('ignored files are not checked; the settings file itself always is', () => {
  const p = new ProjectIndex('/p', { summarizeFlow });
  p.update('/p/.flowcallout.json', '{ "ignore": ["**/legacy/**"] }');
  const service = getLanguageService({ project: () => p });
  const broken = 'name: [';
  assert.equal(service.validate({ uri: 'file:///p/force-app/legacy/x.callout.yaml', fileName: '/p/force-app/legacy/x.callout.yaml', text: broken }).length, 0);
  assert.ok(service.validate({ uri: 'file:///p/force-app/main/x.callout.yaml', fileName: '/p/force-app/main/x.callout.yaml', text: broken }).length > 0);
  assert.equal(service.validate({ uri: 'file:///p/.flowcallout.json', fileName: '/p/.flowcallout.json', text: '{ "rules": { "nope": "off" } }' }).length, 1);
});

test('the published schema lists every rule, so the editor completes rule ids', () => {
  const listed = Object.keys((schema as { properties: { rules: { properties: Record<string, unknown> } } }).properties.rules.properties).sort();
  assert.deepEqual(listed, coreRuleCatalog().map((r) => r.id).sort(), 'add the new rule to schemas/flowcallout.schema.json rules.properties');
});
