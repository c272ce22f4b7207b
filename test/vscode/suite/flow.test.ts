// Flow metadata in the demo workspace: the demo record-triggered flow, edited in memory (never saved) so it has
// callout problems, shows our flow diagnostics with their exact code, message, range and severity; the quick
// fixes repair it; and completion, hover, go to definition and the outline work on references and elements.
// Every test edits the open document only; teardown reverts it, so the other suites see the file as on disk.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, codeOf, describeDiagnostics, openEditor, positionAfter, waitForDiagnostics, workspaceUri } from './helpers';

const FLOW = ['force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml'];

// The demo flow calls ExternalCrmLeads.createLead on the asynchronous path, with a fault connector.
const FAULT_CONNECTOR = `        <faultConnector>
            <targetReference>Log_Failure</targetReference>
        </faultConnector>
`;
const ASYNC_PATH = `        <scheduledPaths>
            <name>Send_To_CRM</name>
            <connector>
                <targetReference>Build_Request</targetReference>
            </connector>
            <label>Send To CRM</label>
            <pathType>AsyncAfterCommit</pathType>
        </scheduledPaths>
`;
// The same element reached straight from <start>: the synchronous path, while the Lead is being saved.
const SYNC_PATH = `        <connector>
            <targetReference>Build_Request</targetReference>
        </connector>
`;
const BODY_REFERENCE = '<elementReference>requestBody</elementReference>';

function flowUri(): vscode.Uri {
  return workspaceUri(...FLOW);
}

/** 0-based `line:char-line:char`, as VS Code's ranges are. */
function at(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

function find(list: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const d = list.find((x) => codeOf(x) === code);
  assert.ok(d, `no [${code}] diagnostic; got:\n${describeDiagnostics(list)}`);
  return d;
}

/** The range of the first occurrence of `needle` (plus `skip` characters into it, `length` long). */
function rangeOf(document: vscode.TextDocument, needle: string, skip = 0, length = needle.length - skip): vscode.Range {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle.trim()}" not found in the flow (examples/ changed? update test/vscode/suite/flow.test.ts)`);
  return new vscode.Range(document.positionAt(offset + skip), document.positionAt(offset + skip + length));
}

/** Applies text replacements to the open flow as one WorkspaceEdit (unsaved; the server checks the editor text). */
async function editFlow(document: vscode.TextDocument, replacements: [vscode.Range, string][]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const [range, text] of replacements) edit.replace(document.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the workspace edit should apply');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  // VS Code's word-based suggestions (kind Text) would list words of the file anyway: only the server's count.
  return (list?.items ?? []).filter((item) => item.kind !== vscode.CompletionItemKind.Text);
}

function replaceRangeOf(item: vscode.CompletionItem): vscode.Range | undefined {
  const r = item.range;
  return !r ? undefined : r instanceof vscode.Range ? r : r.replacing;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

async function definitionsAt(uri: vscode.Uri, position: vscode.Position): Promise<{ uri: vscode.Uri; range: vscode.Range }[]> {
  const found = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, position)) ?? [];
  return found.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : { uri: l.uri, range: l.range }));
}

suite('Flow lint and navigation', () => {
  let onDisk = '';
  suiteSetup(async () => {
    await activeApi();
    onDisk = Buffer.from(await vscode.workspace.fs.readFile(flowUri())).toString('utf8');
  });

  teardown(async () => {
    const uri = flowUri();
    await closeAllEditors();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(!document?.isDirty, 'the demo flow must be reverted for the other suites');
    const now = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.ok(now === onDisk, 'the edits must never reach the file on disk (is files.autoSave on?)');
  });

  test('a callout without a fault path on the synchronous path, and a misspelt reference: flow diagnostics at their exact ranges', async () => {
    const uri = flowUri();
    const editor = await openEditor(uri);
    const document = editor.document;
    await editFlow(document, [
      [rangeOf(document, FAULT_CONNECTOR), ''],
      [rangeOf(document, ASYNC_PATH), SYNC_PATH],
      [rangeOf(document, BODY_REFERENCE, '<elementReference>'.length, 'requestBody'.length), 'requestBdy'],
    ]);
    const codes = ['flow-missing-fault-path', 'flow-sync-callout', 'flow-unresolved-reference'];
    const list = await waitForDiagnostics(uri, (ds) => codes.every((c) => ds.some((d) => codeOf(d) === c)), `diagnostics ${codes.join(', ')}`);
    assert.deepStrictEqual(
      list.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map(codeOf).sort(),
      [...codes].sort(),
      `only these three problems are expected:\n${describeDiagnostics(list)}`,
    );
    for (const d of list) assert.strictEqual(d.source, 'flow-callout');

    // Both callout rules underline the action's API name: <name>Create_CRM_Lead</name> on line 5.
    // The demo branches on responseCode (Decision CRM_Accepted), so the declared 4XX is handled: a warning.
    const fault = find(list, 'flow-missing-fault-path');
    assert.strictEqual(fault.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(at(fault.range), '4:14-4:29');
    assert.strictEqual(document.getText(fault.range), 'Create_CRM_Lead');
    assert.strictEqual(
      fault.message,
      'Create_CRM_Lead calls ExternalCrmLeads.createLead without a fault connector. Decision CRM_Accepted handles the declared error responses, but a response with a status ≥ 300 it does not declare, a timeout or a connection failure can still fault the flow. Add a fault connector to an element that records $Flow.FaultMessage.',
    );

    const sync = find(list, 'flow-sync-callout');
    assert.strictEqual(sync.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(at(sync.range), '4:14-4:29');
    assert.strictEqual(
      sync.message,
      'Create_CRM_Lead makes an HTTP callout on the synchronous path of this record-triggered flow: Salesforce prevents callouts while Lead is being saved, so the flow fails. Move it to the asynchronous path (Run Asynchronously).',
    );

    // The reference in the body input parameter (line 18 once the three fault-connector lines are gone).
    const unresolved = find(list, 'flow-unresolved-reference');
    assert.strictEqual(unresolved.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(at(unresolved.range), '17:34-17:44');
    assert.strictEqual(document.getText(unresolved.range), 'requestBdy');
    assert.match(unresolved.message, /^Nothing in this flow is named "requestBdy"\. Did you mean "requestBody"\?/);
  });

  test('the unresolved reference offers "Change to "requestBody"", and applying it clears the error', async () => {
    const uri = flowUri();
    const editor = await openEditor(uri);
    const document = editor.document;
    const reference = rangeOf(document, BODY_REFERENCE, '<elementReference>'.length, 'requestBody'.length);
    await editFlow(document, [[reference, 'requestBdy']]);
    const isUnresolved = (d: vscode.Diagnostic) => codeOf(d) === 'flow-unresolved-reference';
    const [diagnostic] = (await waitForDiagnostics(uri, (ds) => ds.some(isUnresolved), 'the unresolved reference')).filter(isUnresolved);

    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => a.title === 'Change to "requestBody"');
    assert.ok(fix, `expected the quick fix 'Change to "requestBody"'; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${fix.title}" should be a quick fix`);
    assert.strictEqual(fix.isPreferred, true, 'the best match is the preferred fix');
    assert.ok(fix.edit, 'the fix carries a workspace edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix should apply');

    assert.strictEqual(document.lineAt(reference.start.line).text.trim(), BODY_REFERENCE);
    await waitForDiagnostics(uri, (ds) => !ds.some(isUnresolved), 'the unresolved reference to clear');
  });

  test('the missing fault path offers "Add a fault connector to Log_Failure", and applying it clears the error', async () => {
    const uri = flowUri();
    const editor = await openEditor(uri);
    const document = editor.document;
    const original = document.getText();
    await editFlow(document, [[rangeOf(document, FAULT_CONNECTOR), '']]);
    const isFault = (d: vscode.Diagnostic) => codeOf(d) === 'flow-missing-fault-path';
    const [diagnostic] = (await waitForDiagnostics(uri, (ds) => ds.some(isFault), 'the missing fault path')).filter(isFault);

    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    // Log_Failure is the element that records $Flow.FaultMessage.
    const fix = actions.find((a) => a.title === 'Add a fault connector to Log_Failure');
    assert.ok(fix?.edit, `expected the quick fix "Add a fault connector to Log_Failure"; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix should apply');
    await waitForDiagnostics(uri, (ds) => !ds.some(isFault), 'the missing fault path to clear');
    // Inserted where Salesforce writes it (after <connector>), with the file's indentation: the original text.
    assert.strictEqual(document.getText(), original);
  });

  test('completion inside <elementReference> lists the variables and elements, then a variable\'s fields and an action\'s outputs', async () => {
    const uri = flowUri();
    const editor = await openEditor(uri);
    const document = editor.document;

    // At the start of <elementReference>requestBody</elementReference>: every name, replacing the whole word.
    const word = rangeOf(document, BODY_REFERENCE, '<elementReference>'.length, 'requestBody'.length);
    const items = await completionsAt(uri, word.start);
    const byLabel = new Map(items.map((i) => [labelOf(i), i]));
    const expectItem = (label: string, kind: vscode.CompletionItemKind, detail: string) => {
      const item = byLabel.get(label);
      assert.ok(item, `completion should offer ${label}; got ${[...byLabel.keys()].join(', ')}`);
      assert.strictEqual(item.kind, kind, `kind of ${label}`);
      assert.strictEqual(item.detail, detail, `detail of ${label}`);
      return item;
    };
    const variable = expectItem('calloutStatus', vscode.CompletionItemKind.Variable, 'Number');
    expectItem('createdLead', vscode.CompletionItemKind.Variable, 'Apex ExternalService__ExternalCrmLeads_createLead_OUT_2XX');
    expectItem('errorMessage', vscode.CompletionItemKind.Variable, 'String');
    expectItem('Create_CRM_Lead', vscode.CompletionItemKind.Reference, 'Action ExternalCrmLeads.createLead');
    expectItem('Build_Request', vscode.CompletionItemKind.Reference, 'Assignment');
    expectItem('Store_External_Id', vscode.CompletionItemKind.Reference, 'Update Records');
    expectItem('$Record', vscode.CompletionItemKind.Module, 'SObject Lead');
    assert.strictEqual(at(replaceRangeOf(variable)!), at(word), 'a completion replaces the reference typed so far');

    // After "createdLead.": the fields of its Apex-defined type, from the callout definition's 2XX sample.
    const fieldsAt = positionAfter(document, '<elementReference>createdLead.');
    const fields = await completionsAt(uri, fieldsAt, '.');
    const fieldTypes = Object.fromEntries(fields.map((i) => [labelOf(i), i.detail]));
    assert.deepStrictEqual(fieldTypes, { id: 'String', status: 'String', score: 'Integer', tags: 'collection of String' });
    assert.ok(fields.every((i) => i.kind === vscode.CompletionItemKind.Field));

    // After "Create_CRM_Lead.": the action's outputs with their Flow types.
    const target = rangeOf(document, '<elementReference>createdLead.id</elementReference>', '<elementReference>'.length, 'createdLead.id'.length);
    await editFlow(document, [[target, 'Create_CRM_Lead.']]);
    const outputs = await completionsAt(uri, document.positionAt(document.offsetAt(target.start) + 'Create_CRM_Lead.'.length), '.');
    const outputTypes = Object.fromEntries(outputs.map((i) => [labelOf(i), i.detail]));
    assert.strictEqual(outputTypes.responseCode, 'Integer', `outputs: ${JSON.stringify(outputTypes)}`);
    assert.strictEqual(outputTypes['2XX'], 'Apex-defined ExternalService__ExternalCrmLeads_createLead_OUT_2XX');
    assert.strictEqual(outputTypes['4XX'], 'Apex-defined ExternalService__ExternalCrmLeads_createLead_OUT_4XX');
    assert.ok(!('calloutStatus' in outputTypes), 'after a dot only the members are offered');
  });

  test('hover on a reference shows its type and where it is declared', async () => {
    const uri = flowUri();
    const document = (await openEditor(uri)).document;
    const head = rangeOf(document, '<elementReference>createdLead.id<', '<elementReference>'.length, 'createdLead'.length);
    const hovers = await hoverAt(uri, head.start.translate(0, 3));
    const text = hoverText(hovers);
    const declaredOn = rangeOf(document, '<name>createdLead</name>').start.line + 1;
    assert.strictEqual(
      text,
      `**createdLead** · Apex ExternalService__ExternalCrmLeads_createLead_OUT_2XX\n\nvariable, declared on line ${declaredOn}.`,
    );
    assert.strictEqual(at(hovers[0].range!), at(head), 'the hover covers the segment under the cursor');

    // The field segment: its type from the callout definition's sample.
    const field = rangeOf(document, '<elementReference>createdLead.id<', '<elementReference>createdLead.'.length, 2);
    assert.strictEqual(hoverText(await hoverAt(uri, field.start)), '**createdLead.id** · String');

    // A reference on the left of an assignment: a Number variable.
    const status = rangeOf(document, '<assignToReference>calloutStatus<', '<assignToReference>'.length, 'calloutStatus'.length);
    assert.match(hoverText(await hoverAt(uri, status.start.translate(0, 1))), /^\*\*calloutStatus\*\* · Number\n\nvariable, declared on line \d+\.$/);
  });

  test('hover on an action output\'s <name> says what it carries and when the flow gets it', async () => {
    const uri = flowUri();
    const document = (await openEditor(uri)).document;
    const name = rangeOf(document, '<name>2XX</name>', '<name>'.length, '2XX'.length);
    const hovers = await hoverAt(uri, name.start.translate(0, 1));
    const text = hoverText(hovers);
    assert.match(text, /^\*\*2XX\*\* · Apex-defined ExternalService__ExternalCrmLeads_createLead_OUT_2XX · output of \*\*ExternalCrmLeads\.createLead\*\* \(`ExternalCrmLeads\.callout\.yaml`\)/);
    assert.match(text, /On the \*\*normal path\*\* for HTTP 200–299\. For example: HTTP 200 matches the declared 2XX response \(range\): the flow continues on its normal path with responseCode and 2XX set\./);
    assert.strictEqual(at(hovers[0].range!), at(name), 'the hover covers the output name');
    const code = rangeOf(document, '<name>responseCode</name>', '<name>'.length, 'responseCode'.length);
    assert.match(hoverText(await hoverAt(uri, code.start)), /^\*\*responseCode\*\* · Integer · output of \*\*ExternalCrmLeads\.createLead\*\*[^]*On the \*\*normal path\*\* for HTTP 200–299, 400–499\./);
  });

  test('go to definition from a reference lands on the declaration\'s API name', async () => {
    const uri = flowUri();
    const document = (await openEditor(uri)).document;
    const cases: [string, string, string][] = [
      ['<elementReference>createdLead.id<', 'createdLead', '<name>createdLead</name>'],
      ['<assignToReference>calloutStatus<', 'calloutStatus', '<name>calloutStatus</name>'],
      // A connector target: the element.
      ['<targetReference>Store_External_Id<', 'Store_External_Id', '<name>Store_External_Id</name>'],
    ];
    for (const [site, name, declaration] of cases) {
      const from = rangeOf(document, site, site.indexOf('>') + 1, name.length);
      const found = await definitionsAt(uri, from.start.translate(0, 2));
      assert.strictEqual(found.length, 1, `one definition for ${name}; got ${found.length}`);
      assert.strictEqual(found[0].uri.toString(), uri.toString(), `${name} is declared in the flow itself`);
      const expected = rangeOf(document, declaration, '<name>'.length, name.length);
      assert.strictEqual(at(found[0].range), at(expected), `definition of ${name}`);
      assert.strictEqual(document.getText(found[0].range), name);
    }
  });

  test('the outline lists the start, the flow elements and the resources', async () => {
    const uri = flowUri();
    const document = (await openEditor(uri)).document;
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    const rows = symbols.map((s) => `${s.name} | ${vscode.SymbolKind[s.kind]} | ${s.detail}`);
    // VS Code orders the outline by position in the file: <start> comes after the elements in this flow's XML.
    assert.deepStrictEqual(rows, [
      'Create_CRM_Lead | Function | Action · ExternalCrmLeads.createLead',
      'Build_Request | Function | Assignment',
      'Log_Failure | Function | Assignment',
      'CRM_Accepted | Function | Decision',
      'Store_External_Id | Function | Update Records',
      'Start | Event | Lead · RecordAfterSave',
      'calloutStatus | Variable | variable · Number',
      'createdLead | Variable | variable · ExternalService__ExternalCrmLeads_createLead_OUT_2XX',
      'crmScore | Variable | variable · Number',
      'errorMessage | Variable | variable · String',
      'externalLeadId | Variable | variable · String',
      'requestBody | Variable | variable · ExternalService__ExternalCrmLeads_createLead_IN_body',
    ]);
    const action = symbols.find((s) => s.name === 'Create_CRM_Lead')!;
    assert.strictEqual(at(action.selectionRange), '4:14-4:29', 'the selection is the API name');
    assert.strictEqual(document.getText(action.range).split('\n')[0], '<actionCalls>', 'the range spans the whole element');
    assert.ok(document.getText(action.range).endsWith('</actionCalls>'));
  });
});
