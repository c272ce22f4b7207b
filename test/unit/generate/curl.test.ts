// cURL → definition on commands as real API docs print them (Stripe, GitHub, OpenWeather, SendGrid, Twilio,
// Open-Meteo), shell forms (continuations, $'…', -XPOST, pipes), and "Copy as cURL" for the examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curlWords, parseCurlWords } from '../../../server/src/core/generate/curlArgs';
import { definitionToCurl } from '../../../server/src/core/generate/curl';
import { importCurl } from '../../../server/src/core/generate/importCurl';
import { validateCalloutText } from '../../../server/src/core/validate/callout';
import { demoProject } from '../helpers';
import { definition, exampleDefinition, exampleFiles } from './helpers';

function imported(command: string, options = {}) {
  const r = importCurl(command, options);
  assert.deepEqual(r.errors, []);
  const errors = validateCalloutText(r.text, r.fileName).filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], r.text);
  return { ...r, def: definition(r.text) };
}

test('import curl: Stripe (form body, API key as Basic username)', () => {
  const secret = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
  const r = imported(`curl https://api.stripe.com/v1/charges \\
  -u ${secret}: \\
  -d amount=2000 \\
  -d currency=usd \\
  -d description="My First Test Charge (created for API docs)"`);
  assert.equal(r.name, 'StripeCharges');
  assert.equal(r.namedCredential, 'Stripe');
  assert.equal(r.baseUrl, 'https://api.stripe.com');
  assert.equal(r.def.method, 'POST');
  assert.equal(r.def.path, '/v1/charges');
  assert.equal(r.def.requestContentType, 'application/x-www-form-urlencoded');
  assert.match(r.text, /body:\n {4}amount: "2000"\n {4}currency: usd\n {4}description: My First Test Charge \(created for API docs\)\n/);
  assert.ok(r.notes.some((n) => /API key sent as the Basic username/.test(n)));
  assert.ok(!r.text.includes(secret), 'the key is not copied');
});

test('import curl: GitHub (JSON body without Content-Type, bearer token, version header)', () => {
  const r = imported(`curl -L \\
  -X POST \\
  -H "Accept: application/vnd.github+json" \\
  -H "Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a" \\
  -H "X-GitHub-Api-Version: 2022-11-28" \\
  https://api.github.com/repos/OWNER/REPO/issues \\
  -d '{"title":"Found a bug","body":"I'\\''m having a problem with this.","assignees":["octocat"],"milestone":1,"labels":["bug"]}'`);
  assert.equal(r.def.method, 'POST');
  assert.equal(r.def.requestContentType, 'application/json');
  assert.match(r.text, /body: I'm having a problem with this\./);
  assert.match(r.text, /milestone: 1\n/);
  assert.ok(r.notes.some((n) => /Authorization: Bearer ••••/.test(n)));
  assert.ok(r.notes.some((n) => /X-GitHub-Api-Version: 2022-11-28 — a Flow HTTP callout cannot set headers: add it to named credential Github as a custom header/.test(n)));
  assert.ok(!r.text.includes('ghp_'), 'the token is not copied');
  assert.ok(r.notes.some((n) => /ignored: -L/.test(n)));
});

test('import curl: OpenWeather (query parameters typed from their values; the API key is not copied)', () => {
  const r = imported(`curl "https://api.openweathermap.org/data/2.5/weather?lat=44.34&lon=10.99&units=metric&cnt=3&appid=0123456789abcdef"`);
  assert.equal(r.def.method, 'GET');
  assert.equal(r.def.path, '/data/2.5/weather');
  assert.deepEqual(r.def.parameters('query').map((p) => `${p.name}:${p.type}:${p.required}:${p.example}`), [
    'lat:Double:false:44.34', 'lon:Double:false:10.99', 'units:String:false:metric', 'cnt:Integer:false:3', 'appid:String:true:undefined',
  ]);
  assert.ok(!r.text.includes('0123456789abcdef'));
});

test('import curl: SendGrid (--request/--url/--header/--data long options, $VAR secret kept as the placeholder)', () => {
  const r = imported(`curl --request POST \\
--url https://api.sendgrid.com/v3/mail/send \\
--header "Authorization: Bearer $SENDGRID_API_KEY" \\
--header 'Content-Type: application/json' \\
--data '{"personalizations": [{"to": [{"email": "test@example.com"}]}],"from": {"email": "test@example.com"},"subject": "Hi","content": [{"type": "text/plain", "value": "and easy"}]}'`);
  assert.equal(r.name, 'SendgridSend');
  assert.match(r.text, /personalizations:\n {6}- to:\n {10}- email: test@example\.com/);
  assert.ok(r.notes.some((n) => n.includes('Bearer $SENDGRID_API_KEY')));
});

test('import curl: Twilio (--data-urlencode, $VAR path segment → path parameter, -u with variables)', () => {
  const r = imported(`curl -X POST "https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Messages.json" \\
--data-urlencode "Body=Hello from Twilio" \\
--data-urlencode "From=+15557122661" \\
-u $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN`);
  assert.equal(r.def.path, '/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages.json');
  assert.deepEqual(r.def.parameters('pathParameters').map((p) => p.name), ['TWILIO_ACCOUNT_SID']);
  assert.match(r.text, /Body: Hello from Twilio\n {4}From: "\+15557122661"/);
  assert.ok(r.notes.some((n) => /-u \$TWILIO_ACCOUNT_SID:•••• — Basic authentication/.test(n)));
});

test('import curl: path placeholders {id}, :id and <id>; a project credential whose URL matches is reused', () => {
  const r = imported(`curl 'https://api.example-crm.com/api/v1/leads/{leadId}/notes/:noteId/<kind>'`, { knownCredentials: [{ name: 'ExternalCRM', url: 'https://api.example-crm.com/api' }] });
  assert.equal(r.namedCredential, 'ExternalCRM');
  assert.equal(r.def.path, '/v1/leads/{leadId}/notes/{noteId}/{kind}');
  assert.match(r.text, /URL https:\/\/api\.example-crm\.com\/api \(already in the project\)/);
});

test('import curl: --json, -G, -XPOST, $\'…\', Windows ^ continuations, pipes, a prompt, --data @file', () => {
  const json = imported(`$ curl --json '{"q":"x","n":2}' https://api.example.com/search | jq .`);
  assert.equal(json.def.method, 'POST');
  assert.deepEqual(json.notes.filter((n) => /first curl command/.test(n)), []);
  const get = imported(`curl -G https://api.example.com/search -d q=flows -d limit=5`);
  assert.equal(get.def.method, 'GET');
  assert.deepEqual(get.def.parameters('query').map((p) => `${p.name}:${p.type}`), ['q:String', 'limit:Integer']);
  const ansi = imported(`curl -XPUT -H'Content-Type: application/json' https://api.example.com/x/1 --data-raw $'{"a":"b\\\\nc"}'`);
  assert.equal(ansi.def.method, 'PUT');
  const win = imported('curl "https://api.example.com/v1/items" ^\n  -H "Accept: application/json" ^\n  -X DELETE');
  assert.equal(win.def.method, 'DELETE');
  const file = imported(`curl -X POST https://api.example.com/upload -H 'Content-Type: application/json' -d @payload.json`);
  assert.ok(file.notes.some((n) => /read from the file payload\.json/.test(n)));
  const head = imported(`curl -I https://api.example.com/ping`);
  assert.ok(head.notes.some((n) => /HEAD is not a method a Flow HTTP callout can use/.test(n)));
  assert.equal(head.def.method, 'GET');
});

test('import curl: what the words and options are', () => {
  const { words } = curlWords(`curl -sSL -XPOST 'https://a.example/b?c=1&d=2' \\\n -H 'X-A: 1' -d 'x' # a comment`);
  assert.deepEqual(words, ['-sSL', '-XPOST', 'https://a.example/b?c=1&d=2', '-H', 'X-A: 1', '-d', 'x']);
  const req = parseCurlWords(words);
  assert.equal(req.method, 'POST');
  assert.deepEqual(req.headers, [{ name: 'X-A', value: '1' }]);
  assert.deepEqual(req.ignored, ['-s', '-S', '-L']);
  assert.match(parseCurlWords(['--frobnicate', 'https://x.example']).warnings[0], /Unknown curl option --frobnicate/);
});

test('import curl: errors say what to do', () => {
  assert.match(importCurl('curl -H "Accept: application/json"').errors[0], /has no URL\. Paste a whole curl command/);
  assert.match(importCurl('wget https://x.example').errors[0], /has no URL/);
  assert.match(importCurl('curl https://x.example', { name: '1bad' }).errors[0], /not a valid External Service name/);
});

test('copy as cURL: every example, with the credential headers as placeholders, and back through the import', async () => {
  const project = await demoProject();
  for (const file of exampleFiles()) {
    const def = exampleDefinition(file);
    const nc = project.namedCredentials.get(def.namedCredential!);
    const ec = nc?.externalCredential ? project.externalCredentials.get(nc.externalCredential) : undefined;
    const { command, placeholders } = definitionToCurl(def, { namedCredential: nc, externalCredential: ec });
    assert.ok(command.replace(/'/g, '').startsWith(`curl${def.method === 'GET' ? '' : ` -X ${def.method}`} ${nc!.url}${def.path}`), command);
    const back = imported(command, { knownCredentials: [...project.namedCredentials.values()] });
    assert.equal(back.def.method, def.method);
    assert.equal(back.def.path, def.path);
    assert.equal(back.namedCredential, def.namedCredential);
    assert.deepEqual(back.def.parameters('query').map((p) => p.name), def.parameters('query').map((p) => p.name));
    if (def.name === 'ExternalCrmLeads') {
      assert.match(command, /-H "X-Api-Key: \$EXTERNALCRM_APIKEY"/);
      assert.deepEqual(placeholders.map((p) => p.name), ['EXTERNALCRM_APIKEY']);
      assert.match(command, /--data-raw '\{"name":"Ada Lovelace","email":"ada@example\.com"/);
    }
  }
  // A merge field without a test input stays visible; an unknown named credential gets a stand-in host.
  const bare = definitionToCurl(definition(`name: S\nnamedCredential: My_NC\nmethod: POST\npath: /p\nrequest:\n  body: { who: "{!$Record.Name}", n: 1 }\nresponses:\n  2XX:\n    sample: {}\n`));
  assert.match(bare.command, /^curl -X POST https:\/\/my-nc\.example\.invalid\/p/);
  assert.match(bare.command, /--data-raw '\{"who":"\{!\$Record\.Name\}","n":1\}'/);
});

test('import curl: the derived operation name is returned (for the prompt to prefill); given names win', () => {
  const command = 'curl -X POST https://api.acme-shipping.com/v2/shipments/{shipmentId}/labels -H "Content-Type: application/json" -d \'{"format":"pdf"}\'';
  const derived = imported(command);
  assert.equal(derived.operation, 'postV2ShipmentsShipmentIdLabels');
  assert.equal(derived.def.operation, derived.operation);
  const named = imported(command, { name: 'AcmeLabels', operation: 'createLabel' });
  assert.deepEqual([named.name, named.operation, named.fileName, named.def.name, named.def.operation], ['AcmeLabels', 'createLabel', 'AcmeLabels.callout.yaml', 'AcmeLabels', 'createLabel']);
  // A blank operation falls back to the derived one; an invalid service name stops the import with what to do.
  assert.equal(imported(command, { operation: '  ' }).operation, derived.operation);
  assert.match(importCurl(command, { name: 'Acme-Labels' }).errors[0], /not a valid External Service name/);
});

test('import curl: a request sample\'s decimals and longs get a Double override, so the import opens without number warnings', () => {
  const r = imported(`curl --json '{"q": 1.5, "n": null, "big": 12345678901, "small": 3, "items": [{"p": 2.25, "c": 1}]}' https://api.example.com/search`);
  assert.match(r.text, /\ntypes:\n {2}request\.body\.q: Double\n {2}request\.body\.big: Double\n {2}request\.body\.items\.p: Double\n/);
  const codes = validateCalloutText(r.text, r.fileName).map((p) => p.code);
  assert.ok(!codes.includes('callout-number-type'), codes.join(', '));
  // A null is left to the user (only they know its type): the warning names the override to add.
  assert.ok(codes.includes('callout-null-sample'));
  // Whole numbers that fit an Integer need nothing.
  assert.doesNotMatch(imported(`curl --json '{"n": 2}' https://api.example.com/x`).text, /types:/);
});
