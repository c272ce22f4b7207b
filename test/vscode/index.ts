// The extensionTestsPath module: VS Code calls run() inside the extension host (either runner), and we run the
// bundled mocha suites from ./suite next to this file. FLOW_CALLOUT_SUITES (comma-separated base names, e.g.
// "activation") chooses the suites; FLOW_CALLOUT_TEST_RESULT names a JSON file that receives the counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export const RESULT_LINE_PREFIX = 'flow-callout vscode tests:';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.FLOW_CALLOUT_TEST_TIMEOUT ?? 20_000),
    grep: process.env.FLOW_CALLOUT_GREP || undefined,
  });
  const suiteDir = path.join(__dirname, 'suite');
  const wanted = (process.env.FLOW_CALLOUT_SUITES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const files = fs
    .readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.test\.js$/, '')))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no suites in ${suiteDir} match "${wanted.join(',')}"`));
  for (const file of files) mocha.addFile(path.join(suiteDir, file));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures;
        const resultFile = process.env.FLOW_CALLOUT_TEST_RESULT;
        if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passed, failed, files }));
        console.log(`${RESULT_LINE_PREFIX} ${passed} passed, ${failed} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
