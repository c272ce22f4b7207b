// Decision operators and Assignment operators, each with the case that decides and the case that cannot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAssignment } from '../../../server/src/core/flowrun/assign';
import { combine, compare, type ConditionContext } from '../../../server/src/core/flowrun/conditions';
import { isUnknown, unknown } from '../../../server/src/core/flowrun/values';

const ctx: ConditionContext = { onCreate: false, prior: () => unknown('not given') };

test('comparisons: numbers, text case-insensitively, IDs case-sensitively, null', () => {
  assert.equal(compare(404, 'EqualTo', 404, 'code', ctx), true);
  assert.equal(compare('404', 'EqualTo', 404, 'code', ctx), true);
  assert.equal(compare('Accepted', 'EqualTo', 'accepted', 's', ctx), true);
  assert.equal(compare('Accepted', 'NotEqualTo', 'accepted', 's', ctx), false);
  const id = compare('001000000000001AAA', 'EqualTo', '001000000000001aaa', 'id', ctx);
  assert.equal(typeof id, 'object');
  assert.equal(compare(null, 'EqualTo', null, 'x', ctx), true);
  assert.equal(typeof compare('', 'EqualTo', null, 'x', ctx), 'object');
  assert.equal(compare(3, 'GreaterThan', 2, 'n', ctx), true);
  assert.equal(compare(2, 'GreaterThanOrEqualTo', 2, 'n', ctx), true);
  assert.equal(compare('2026-01-02', 'LessThan', '2026-02-01', 'd', ctx), true);
  assert.equal(typeof compare(null, 'LessThan', 1, 'n', ctx), 'object');
  assert.equal(compare('Customer not found', 'Contains', 'NOT FOUND', 'm', ctx), true);
  assert.equal(compare(['a', 'b'], 'Contains', 'B', 'list', ctx), true);
  assert.equal(compare('ECB daily', 'StartsWith', 'ecb', 'p', ctx), true);
  assert.equal(compare('file.json', 'EndsWith', '.JSON', 'p', ctx), true);
  assert.equal(compare(null, 'IsNull', true, 'x', ctx), true);
  assert.equal(compare('v', 'IsNull', false, 'x', ctx), true);
  assert.equal(typeof compare('', 'IsNull', true, 'x', ctx), 'object');
  assert.equal(compare('', 'WasSet', true, '$Record.Email', ctx), false);
  assert.equal(compare('a@b.c', 'WasSet', true, '$Record.Email', ctx), true);
  assert.equal(typeof compare(unknown('no'), 'EqualTo', 1, 'x', ctx), 'object');
  assert.equal(typeof compare('x', 'WasVisited', true, 'Screen', ctx), 'object');
});

test('Is Changed: false on create, compared with $Record__Prior when given, unknown otherwise', () => {
  assert.equal(compare('Shipped', 'IsChanged', true, '$Record.Status', { onCreate: true, prior: () => unknown('x') }), false);
  assert.equal(compare('Shipped', 'IsChanged', true, '$Record.Status', { onCreate: false, prior: () => 'Draft' }), true);
  assert.equal(compare('Shipped', 'IsChanged', true, '$Record.Status', { onCreate: false, prior: () => 'shipped' }), false);
  assert.equal(typeof compare('Shipped', 'IsChanged', true, '$Record.Status', ctx), 'object');
});

test('condition logic: and, or, custom with NOT and parentheses, three-valued', () => {
  const u = { why: 'unknown' };
  assert.equal(combine('and', [true, true]), true);
  assert.equal(combine('and', [false, u]), false);
  assert.deepEqual(combine('and', [true, u]), u);
  assert.equal(combine('or', [u, true]), true);
  assert.equal(combine('1 AND (2 OR NOT 3)', [true, false, false]), true);
  assert.equal(combine('1 AND (2 OR NOT 3)', [true, false, true]), false);
  assert.deepEqual(combine('1 OR 2', [false, u]), u);
  assert.equal(typeof combine('1 AND', [true]), 'object');
});

test('assignment operators', () => {
  assert.equal(applyAssignment(null, 'Assign', 'x', 't'), 'x');
  assert.equal(applyAssignment(2, 'Add', 3, 't'), 5);
  assert.equal(applyAssignment(5, 'Subtract', 3, 't'), 2);
  assert.equal(applyAssignment('Hello', 'Add', ' world', 't'), 'Hello world');
  assert.equal(applyAssignment('2026-01-30', 'Add', 3, 't', 'Date'), '2026-02-02');
  assert.ok(isUnknown(applyAssignment(null, 'Add', 1, 't', 'Number')));
  assert.deepEqual(applyAssignment(['a'], 'Add', 'b', 't'), ['a', 'b']);
  assert.deepEqual(applyAssignment(['a'], 'AddAtStart', 'z', 't'), ['z', 'a']);
  assert.deepEqual(applyAssignment(['a', 'b', 'a'], 'RemoveAll', 'a', 't'), ['b']);
  assert.deepEqual(applyAssignment(['a', 'b', 'a'], 'RemoveFirst', 'a', 't'), ['b', 'a']);
  assert.deepEqual(applyAssignment(['a', 'b', 'c'], 'RemoveAfterFirst', 'b', 't'), ['a', 'b']);
  assert.deepEqual(applyAssignment(['a', 'b', 'c'], 'RemoveBeforeFirst', 'b', 't'), ['b', 'c']);
  assert.deepEqual(applyAssignment(['a', 'b', 'c'], 'RemoveUncommon', ['c', 'a'], 't'), ['a', 'c']);
  assert.deepEqual(applyAssignment(['a', 'b', 'c'], 'RemovePosition', 2, 't'), ['a', 'c']);
  assert.equal(applyAssignment(0, 'AssignCount', ['a', 'b'], 't'), 2);
  assert.ok(isUnknown(applyAssignment(1, 'Add', unknown('no'), 't')));
});
