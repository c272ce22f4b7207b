// Whether one definition send passes as a test case: the one verdict the CLI (text, --json `passed`, JUnit), the
// VS Code Testing view, the history and the status bar read. A case fails when
// - the request did not complete (CalloutResult.error: reported as an error, not a failure), or
// - a `test.expect` item fails, or
// - the flow could not use the response: the flow path (outputs.ts flowPath, from the one outcome model
//   core/model/outcome.ts: an undeclared status ≥ 300, a body the declared JSON response cannot be read from)
//   is the fault path and the definition does not expect it (`test.expect.path: fault`), or the send has an
//   error-severity finding (those are about the response only: a declared JSON body that is not JSON).
// Warnings and info notes are printed and never fail a case.
import * as path from 'node:path';
import type { CalloutDefinition } from '../model/definition';
import type { CalloutResult, VerdictFailure } from './result';

/** Why this send fails as a test case, beyond its expectations; empty when the flow could use the response. */
export function verdictFailures(def: CalloutDefinition, result: Pick<CalloutResult, 'error' | 'path' | 'findings'>, fileName: string): VerdictFailure[] {
  if (result.error) return [];
  const expect = def.testExpect();
  const expectsPath = Object.prototype.hasOwnProperty.call(expect, 'path');
  const file = path.basename(fileName);
  const failures: VerdictFailure[] = [];
  const faultExpected = expectsPath && expect.path === 'fault' && result.path.kind === 'fault';
  // With test.expect.path the user has said which path is right: that expectation judges the path.
  if (result.path.kind === 'fault' && !expectsPath) {
    const todo = `In Flow Builder, connect a fault path to this action (without one the flow fails here), or change the API or the responses in ${file}; if this fault is what the case tests, add test.expect.path: fault to ${file}.`;
    failures.push({ code: 'fault-path', message: `The flow would take the action's fault path: ${result.path.reason} ${todo}`, todo });
  }
  if (!faultExpected) {
    for (const f of result.findings) if (f.severity === 'error') failures.push({ code: f.code, message: f.message });
  }
  return failures;
}
