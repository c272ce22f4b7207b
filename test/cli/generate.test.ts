// `flow-callout generate` and `flow-callout import` as processes: exit codes, files written where SFDX
// expects them, hand-edited files kept unless --force, errors that name the file and what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusRoot, demoCopy, flowCallout } from './flowCallout';

const ESR_DIR = 'force-app/main/default/externalServiceRegistrations';

test('generate esr: writes every registration, is idempotent, keeps a hand-edited file unless --force', () => {
  const dir = demoCopy();
  try {
    const first = flowCallout(['generate', 'esr', 'callouts/AddressValidation.callout.yaml', 'callouts/ExternalCrmLeads.callout.yaml', 'callouts/WeatherForecast.callout.yaml'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /externalServiceRegistrations\/WeatherForecast\.externalServiceRegistration-meta\.xml: created/);
    const file = path.join(dir, ESR_DIR, 'WeatherForecast.externalServiceRegistration-meta.xml');
    assert.match(fs.readFileSync(file, 'utf8'), /<registrationProviderType>SchemaInferred<\/registrationProviderType>/);
    const again = flowCallout(['generate', 'esr', 'callouts/WeatherForecast.callout.yaml'], { cwd: dir });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /: unchanged/);

    // The definition changes → the untouched generated file is updated.
    const defFile = path.join(dir, 'callouts', 'WeatherForecast.callout.yaml');
    fs.writeFileSync(defFile, fs.readFileSync(defFile, 'utf8').replace('operation: getForecast', 'operation: getCurrentWeather'));
    const updated = flowCallout(['generate', 'esr', 'callouts/WeatherForecast.callout.yaml'], { cwd: dir });
    assert.equal(updated.code, 0);
    assert.match(updated.stdout, /: updated/);
    assert.match(fs.readFileSync(file, 'utf8'), /<name>getcurrentweather<\/name>/);

    // Edited by hand → not replaced, exit 1, and the message says what to do.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('<label>WeatherForecast</label>', '<label>Weather (edited)</label>'));
    fs.writeFileSync(defFile, fs.readFileSync(defFile, 'utf8').replace('description: Current weather', 'description: The weather'));
    const kept = flowCallout(['generate', 'esr', 'callouts/WeatherForecast.callout.yaml'], { cwd: dir });
    assert.equal(kept.code, 1);
    assert.match(kept.stdout, /not written — it was edited by hand or retrieved from an org since it was generated\. Compare it, then run again with --force/);
    assert.match(fs.readFileSync(file, 'utf8'), /Weather \(edited\)/);
    const dry = flowCallout(['generate', 'esr', 'callouts/WeatherForecast.callout.yaml', '--force', '--dry-run'], { cwd: dir });
    assert.match(dry.stdout, /would be overwritten \(--force\)/);
    assert.match(fs.readFileSync(file, 'utf8'), /Weather \(edited\)/);
    const forced = flowCallout(['generate', 'esr', 'callouts/WeatherForecast.callout.yaml', '--force'], { cwd: dir });
    assert.equal(forced.code, 0);
    assert.match(fs.readFileSync(file, 'utf8'), /<description>The weather/);

    // --out DIR
    const out = flowCallout(['generate', 'esr', 'callouts/WeatherForecast.callout.yaml', '--out', 'build/esr'], { cwd: dir });
    assert.equal(out.code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'build', 'esr', 'WeatherForecast.externalServiceRegistration-meta.xml')));
    // The project still validates with the generated registrations in it.
    assert.equal(flowCallout(['validate', '.'], { cwd: dir }).code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('generate esr: a definition with errors is not compiled (exit 1, file named, what to do); usage errors exit 2', () => {
  const dir = demoCopy();
  try {
    fs.writeFileSync(path.join(dir, 'callouts', 'Bad.callout.yaml'), 'name: Bad Name\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    sample: {}\n');
    const bad = flowCallout(['generate', 'esr', 'callouts/Bad.callout.yaml'], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /callouts\/Bad\.callout\.yaml: not generated:\n {2}- "Bad Name" is not a valid External Service name/);
    assert.match(bad.stderr, /Run "flow-callout validate callouts\/Bad\.callout\.yaml"/);
    assert.equal(fs.existsSync(path.join(dir, ESR_DIR, 'Bad.externalServiceRegistration-meta.xml')), false);
    const none = flowCallout(['generate', 'esr'], { cwd: dir });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Give at least one callout definition/);
    assert.equal(flowCallout(['generate', 'wsdl', 'x'], { cwd: dir }).code, 2);
    const missing = flowCallout(['generate', 'esr', 'callouts/Nope.callout.yaml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /callouts\/Nope\.callout\.yaml: cannot be read\. Give the path of a callout definition/);
    const help = flowCallout(['generate', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /flow-callout generate apex-mock FILE/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('generate types and apex-mock', () => {
  const dir = demoCopy();
  try {
    const types = flowCallout(['generate', 'types', 'callouts/WeatherForecast.callout.yaml'], { cwd: dir });
    assert.equal(types.code, 0);
    assert.match(types.stdout, /ExternalService__WeatherForecast_getForecast_OUT_2XX_currentx5fweather/);
    assert.match(types.stdout, /z0time +String +\[String\] +← "time"/);
    const json = JSON.parse(flowCallout(['generate', 'types', 'callouts/WeatherForecast.callout.yaml', '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(json.action, 'WeatherForecast.getForecast');
    assert.match(flowCallout(['generate', 'types', 'callouts/WeatherForecast.callout.yaml', '--format', 'markdown'], { cwd: dir }).stdout, /^### Flow action `WeatherForecast\.getForecast`/);

    const mock = flowCallout(['generate', 'apex-mock', 'callouts/ExternalCrmLeads.callout.yaml'], { cwd: dir });
    assert.equal(mock.code, 0, mock.stderr);
    assert.match(mock.stdout, /sf apex run test --class-names ExternalCrmLeadsTest/);
    const classes = path.join(dir, 'force-app', 'main', 'default', 'classes');
    assert.deepEqual(fs.readdirSync(classes).sort(), ['ExternalCrmLeadsMock.cls', 'ExternalCrmLeadsMock.cls-meta.xml', 'ExternalCrmLeadsTest.cls', 'ExternalCrmLeadsTest.cls-meta.xml']);
    assert.match(fs.readFileSync(path.join(classes, 'ExternalCrmLeadsMock.cls'), 'utf8'), /^\/\/ Generated by Flow Callout Studio from callouts\/ExternalCrmLeads\.callout\.yaml/);
    assert.match(fs.readFileSync(path.join(classes, 'ExternalCrmLeadsMock.cls-meta.xml'), 'utf8'), /<apiVersion>62\.0<\/apiVersion>/);
    const recorded = path.join(dir, 'recorded.json');
    fs.writeFileSync(recorded, JSON.stringify({ passed: true, results: [{ response: { status: 422, contentType: 'application/json', body: { text: '{"error":"invalid_email","message":"nope"}', truncated: false } } }] }));
    const fromRec = flowCallout(['generate', 'apex-mock', 'callouts/ExternalCrmLeads.callout.yaml', '--from', 'recorded.json', '--force'], { cwd: dir });
    assert.equal(fromRec.code, 0, fromRec.stderr);
    assert.match(fs.readFileSync(path.join(classes, 'ExternalCrmLeadsTest.cls'), 'utf8'), /createLead_ResponseException e/);
    assert.equal(flowCallout(['generate', 'apex-mock', 'callouts/ExternalCrmLeads.callout.yaml', '--response', '2XX', '--from', 'recorded.json'], { cwd: dir }).code, 2);
    const noKey = flowCallout(['generate', 'apex-mock', 'callouts/ExternalCrmLeads.callout.yaml', '--response', '503'], { cwd: dir });
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /no response "503"\. Its responses: 2XX, 4XX/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('import curl and import esr', () => {
  const dir = demoCopy();
  try {
    const stdout = flowCallout(['import', 'curl', `curl 'https://api.open-meteo.com/v1/forecast?latitude=52.52&longitude=13.41' -H 'Accept: application/json'`], { cwd: dir });
    assert.equal(stdout.code, 0, stdout.stderr);
    assert.match(stdout.stdout, /namedCredential: OpenMeteo\n/, 'the project named credential with that URL is reused');
    assert.match(stdout.stdout, /latitude: \{ type: Double, required: false, example: 52\.52 \}/);

    const cmdFile = path.join(dir, 'cmd.txt');
    fs.writeFileSync(cmdFile, `curl -X POST https://api.example-crm.com/api/v1/leads \\\n  -H 'X-Api-Key: abc123secret' \\\n  --json '{"name":"Ada","email":"ada@example.com"}'\n`);
    const written = flowCallout(['import', 'curl', '--file', 'cmd.txt', '--name', 'CrmCreateLead', '--out', 'callouts/CrmCreateLead.callout.yaml'], { cwd: dir });
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /note: Header X-Api-Key: •••• — a credential/);
    const text = fs.readFileSync(path.join(dir, 'callouts', 'CrmCreateLead.callout.yaml'), 'utf8');
    assert.ok(!text.includes('abc123secret'));
    assert.match(text, /^# Generated by Flow Callout Studio from curl; fingerprint/);
    assert.equal(flowCallout(['validate', 'callouts/CrmCreateLead.callout.yaml'], { cwd: dir }).code, 0);
    const stdin = flowCallout(['import', 'curl', '--file', '-'], { cwd: dir, input: 'curl https://api.example.com/v1/ping' });
    assert.equal(stdin.code, 0);
    assert.match(stdin.stdout, /path: \/v1\/ping/);
    const noUrl = flowCallout(['import', 'curl', 'curl -X POST'], { cwd: dir });
    assert.equal(noUrl.code, 1);
    assert.match(noUrl.stderr, /import curl: The command has no URL/);
    assert.equal(flowCallout(['import', 'curl'], { cwd: dir }).code, 2);

    const bank = path.join(corpusRoot, 'SFDC-Assets__SF-ExternalServiceFromFlow', 'force-app', 'main', 'default', 'externalServiceRegistrations', 'BankService.externalServiceRegistration-meta.xml');
    const esr = flowCallout(['import', 'esr', bank, '--out', 'imported'], { cwd: dir });
    assert.equal(esr.code, 0, esr.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'imported')).sort(), ['BankServiceAddAccount.callout.yaml', 'BankServiceDeleteAccount.callout.yaml', 'BankServiceGetAccount.callout.yaml', 'BankServiceUpdateAccount.callout.yaml']);
    assert.match(esr.stderr, /getAccount: note: BankService has 4 operations/);
    const decomposedDir = path.join(corpusRoot, 'forcedotcom__source-deploy-retrieve', 'test', 'snapshot', 'sampleProjects', 'preset-decomposedESR', '__snapshots__', 'verify-source-files.expected', 'force-app', 'main', 'default', 'externalServiceRegistrations');
    const decomposed = flowCallout(['import', 'esr', path.join(decomposedDir, 'OpenAPIChallenge.yaml'), '--out', 'imported2'], { cwd: dir });
    assert.equal(decomposed.code, 0, decomposed.stderr);
    assert.equal(fs.readdirSync(path.join(dir, 'imported2')).length, 6);
    // Back to a registration: a definition imported from a Custom registration is refused, saying why (issue 11).
    const again = flowCallout(['generate', 'esr', 'imported/BankServiceGetAccount.callout.yaml'], { cwd: dir });
    assert.equal(again.code, 1, again.stderr);
    assert.match(again.stderr, /imported\/BankServiceGetAccount\.callout\.yaml: not generated:\n {2}- BankServiceGetAccount was imported from the Custom registration BankService, so no registration is generated from it: .*flows calling BankService\.getAccount would lose it/);
    assert.doesNotMatch(again.stderr, /Run "flow-callout validate/);
    assert.ok(!fs.existsSync(path.join(dir, 'force-app', 'main', 'default', 'externalServiceRegistrations', 'BankServiceGetAccount.externalServiceRegistration-meta.xml')));
    const missing = flowCallout(['import', 'esr', 'nope.externalServiceRegistration-meta.xml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.externalServiceRegistration-meta\.xml: cannot be read\. Give an \*\.externalServiceRegistration-meta\.xml file/);
    assert.equal(flowCallout(['import', '--help']).code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an unknown option or an option without its value is a usage error (exit 2) and nothing is written', () => {
  const dir = demoCopy();
  try {
    const esrDir = path.join(dir, ESR_DIR);
    const registrations = () => (fs.existsSync(esrDir) ? fs.readdirSync(esrDir).sort() : []);
    const before = registrations();
    const cases: { args: string[]; message: RegExp }[] = [
      // import esr has no --dry-run: ignoring it wrote the definitions.
      { args: ['import', 'esr', 'callouts/WeatherForecast.callout.yaml', '--dry-run'], message: /Unknown option --dry-run \(this command takes --force, --out\)/ },
      { args: ['generate', 'esr', 'callouts/WeatherForecast.callout.yaml', '--dryrun'], message: /Unknown option --dryrun \(this command takes --dry-run, --force, --out\)/ },
      { args: ['generate', 'esr', 'callouts/WeatherForecast.callout.yaml', '--out'], message: /--out needs a value/ },
      { args: ['generate', 'types', 'callouts/WeatherForecast.callout.yaml', '--format=md', '--force'], message: /Unknown option --force/ },
      { args: ['generate', 'apex-mock', 'callouts/WeatherForecast.callout.yaml', '--response', '--force'], message: /--response needs a value/ },
      { args: ['validate', '.', '--formt', 'json'], message: /Unknown option --formt \(this command takes --fail-on, --format, --workers\)/ },
      // An unquoted curl command: its own options are not ours, and the message says to quote it.
      { args: ['import', 'curl', 'curl', '-X', 'POST', 'https://api.example.com/v1/items', '--data', '{"a":1}', '--out', 'callouts/Items.callout.yaml'], message: /Unknown option --data .*Give the curl command as one quoted argument/ },
    ];
    for (const c of cases) {
      const r = flowCallout(c.args, { cwd: dir });
      assert.equal(r.code, 2, `${c.args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, c.message, c.args.join(' '));
    }
    assert.deepEqual(registrations(), before);
    assert.ok(!fs.existsSync(path.join(dir, 'callouts', 'Items.callout.yaml')));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'callouts')).filter((f) => /^(WeatherForecast|ExternalCrmLeads|AddressValidation)\./.test(f) === false), []);
    // The documented forms still work: --name=value and a value after the option.
    const ok = flowCallout(['generate', 'types', 'callouts/WeatherForecast.callout.yaml', '--format=json'], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
