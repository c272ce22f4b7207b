// The project index through file operations as the watcher reports them (created, changed, deleted, in any
// order): a name two files share (same name, other folders) is never lost while one of them exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeFlow } from '../../server/src/core/flow/summary';
import { ProjectIndex } from '../../server/src/core/project/index';

const flow = (label: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>${label}</label>\n    <processType>AutoLaunchedFlow</processType>\n</Flow>\n`;
const callout = (name: string) => `name: ${name}\nnamedCredential: X\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    sample: { a: 1 }\n`;

test('deleting one of two same-name flows keeps the name, pointing at the other', () => {
  const index = new ProjectIndex('/p', { summarizeFlow });
  index.update('/p/a/flows/Foo.flow-meta.xml', flow('A'));
  index.update('/p/b/flows/Foo.flow-meta.xml', flow('B'));
  index.remove('/p/b/flows/Foo.flow-meta.xml');
  assert.equal(index.flows.get('Foo')?.file, '/p/a/flows/Foo.flow-meta.xml');
  index.remove('/p/a/flows/Foo.flow-meta.xml');
  assert.equal(index.flows.has('Foo'), false);
});

test('renaming a file to a name another file had (other folder), then deleting it: the name stays', () => {
  const index = new ProjectIndex('/p', { summarizeFlow });
  index.update('/p/a/flows/Foo.flow-meta.xml', flow('A'));
  index.update('/p/b/flows/Bar.flow-meta.xml', flow('B'));
  // b/Bar → b/Foo: created, then deleted.
  index.update('/p/b/flows/Foo.flow-meta.xml', flow('B'));
  index.remove('/p/b/flows/Bar.flow-meta.xml');
  assert.deepEqual([...index.flows.keys()].sort(), ['Foo']);
  index.remove('/p/b/flows/Foo.flow-meta.xml');
  assert.equal(index.flows.get('Foo')?.file, '/p/a/flows/Foo.flow-meta.xml');
});

test('a folder rename, whichever order the events come in, keeps every callout definition', () => {
  for (const createdFirst of [true, false]) {
    const index = new ProjectIndex('/p', { summarizeFlow });
    index.update('/p/old/Svc.callout.yaml', callout('Svc'));
    index.update('/p/old/Other.callout.yaml', callout('Other'));
    const moves = [['/p/old/Svc.callout.yaml', '/p/new/Svc.callout.yaml'], ['/p/old/Other.callout.yaml', '/p/new/Other.callout.yaml']];
    for (const [from, to] of moves) {
      if (createdFirst) {
        index.update(to, callout(to.includes('Svc') ? 'Svc' : 'Other'));
        index.remove(from);
      } else {
        index.remove(from);
        index.update(to, callout(to.includes('Svc') ? 'Svc' : 'Other'));
      }
    }
    assert.deepEqual([...index.callouts.entries()].map(([k, v]) => [k, v.file]).sort(), [['Other', '/p/new/Other.callout.yaml'], ['Svc', '/p/new/Svc.callout.yaml']], `created first: ${createdFirst}`);
  }
});

test('a definition deleted while a same-name copy exists elsewhere: the copy answers for the name', () => {
  const index = new ProjectIndex('/p', { summarizeFlow });
  index.update('/p/a/Svc.callout.yaml', callout('Svc'));
  index.update('/p/b/Svc.callout.yaml', callout('Svc'));
  index.remove('/p/b/Svc.callout.yaml');
  assert.equal(index.callouts.get('Svc')?.file, '/p/a/Svc.callout.yaml');
  // A binary replacement of the remaining one drops it too.
  index.update('/p/a/Svc.callout.yaml', 'x\u0000'.repeat(20));
  assert.equal(index.callouts.has('Svc'), false);
});

const esr = (label: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>${label}</label>\n    <namedCredentialReference>Crm</namedCredentialReference>\n    <registrationProviderType>Custom</registrationProviderType>\n    <schemaType>OpenApi3</schemaType>\n    <status>Complete</status>\n</ExternalServiceRegistration>\n`;

test('two registrations with the same name (other folders): deleting or renaming either keeps the name', () => {
  const index = new ProjectIndex('/p', { summarizeFlow });
  const a = '/p/a/externalServiceRegistrations/Crm.externalServiceRegistration-meta.xml';
  const b = '/p/b/externalServiceRegistrations/Crm.externalServiceRegistration-meta.xml';
  index.update(a, esr('A'));
  index.update(b, esr('B'));
  assert.equal(index.esrs.get('Crm')?.label, 'B');
  index.remove(b);
  assert.equal(index.esrs.get('Crm')?.file, a);
  assert.equal(index.esrs.get('Crm')?.label, 'A');
  // b comes back, then a is renamed away (created under the new name, the old one deleted): Crm is b's.
  index.update(b, esr('B'));
  const renamed = '/p/a/externalServiceRegistrations/Crm2.externalServiceRegistration-meta.xml';
  index.update(renamed, esr('A'));
  index.remove(a);
  assert.equal(index.esrs.get('Crm')?.file, b);
  assert.equal(index.esrs.get('Crm2')?.file, renamed);
  index.remove(b);
  assert.deepEqual([...index.esrs.keys()], ['Crm2']);
});

test('a name: edit inside a callout definition moves the name; a copy elsewhere keeps the old one', () => {
  const index = new ProjectIndex('/p', { summarizeFlow });
  index.update('/p/a/Svc.callout.yaml', callout('Svc'));
  index.update('/p/b/Svc.callout.yaml', callout('Svc'));
  // b (which holds Svc, written last) renames its service: Svc goes back to a.
  index.update('/p/b/Svc.callout.yaml', callout('Orders'));
  assert.equal(index.callouts.get('Svc')?.file, '/p/a/Svc.callout.yaml');
  assert.equal(index.callouts.get('Orders')?.file, '/p/b/Svc.callout.yaml');
  // a renames too: nobody has Svc any more.
  index.update('/p/a/Svc.callout.yaml', callout('Leads'));
  assert.deepEqual([...index.callouts.keys()].sort(), ['Leads', 'Orders']);
  // Half-typed (no name): a's old name goes; b is untouched.
  index.update('/p/a/Svc.callout.yaml', 'namedCredential: X\n');
  assert.deepEqual([...index.callouts.keys()].sort(), ['Orders']);
  // Both back to Svc; b is edited away again while a still holds its own copy of the name.
  index.update('/p/a/Svc.callout.yaml', callout('Svc'));
  index.update('/p/b/Svc.callout.yaml', callout('Svc'));
  index.update('/p/a/Svc.callout.yaml', callout('Leads'));
  assert.equal(index.callouts.get('Svc')?.file, '/p/b/Svc.callout.yaml');
  assert.equal(index.callouts.get('Leads')?.file, '/p/a/Svc.callout.yaml');
});
