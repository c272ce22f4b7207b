// The VSIX carries what the extension loads at run time, and nothing of the repository's own: checked with
// `vsce ls` (the exact file list `npm run package` packs, without rebuilding dist/ under the other tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './flowCallout';

test('the VSIX file list has every bundle, schema, grammar, panel asset and README image, and no sources or tests', () => {
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = new Set(r.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  const dist = fs.readdirSync(path.join(repoRoot, 'dist')).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`);
  assert.ok(dist.length >= 4, 'npm run build has made the bundles');
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const required = [
    'package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', ...dist,
    ...fs.readdirSync(path.join(repoRoot, 'schemas')).map((f) => `schemas/${f}`),
    ...fs.readdirSync(path.join(repoRoot, 'media', 'panel')).map((f) => `media/panel/${f}`),
    ...fs.readdirSync(path.join(repoRoot, 'media', 'flowrun')).map((f) => `media/flowrun/${f}`),
    // The Test Callout panel's flow-run diagram script (a browser bundle the webview loads).
    'dist/webview/flow-diagram.js',
    // Every file the manifest points at: main, icon, grammars, language configurations.
    manifest.main.replace(/^\.\//, ''), manifest.icon,
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path.replace(/^\.\//, '')),
    ...manifest.contributes.languages.filter((l: { configuration?: string }) => l.configuration).map((l: { configuration: string }) => l.configuration.replace(/^\.\//, '')),
  ];
  // Images the README shows must travel with it (VS Code renders the README from the installed folder).
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  for (const m of readme.matchAll(/!\[[^\]]*\]\((?!https?:)([^)\s]+)\)/g)) required.push(m[1]);
  const missing = [...new Set(required)].filter((f) => !files.has(f));
  assert.deepEqual(missing, [], `missing from the VSIX: ${missing.join(', ')} — add them to .vscodeignore's allow list`);
  const unwanted = [...files].filter((f) => /^(test|server|client|bench|scripts|examples|node_modules|\.ci)\//.test(f) || /\.ts$|\.map$/.test(f));
  assert.deepEqual(unwanted, [], `packed but not needed: ${unwanted.join(', ')}`);
});
