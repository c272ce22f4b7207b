// `flow-callout validate` and `flow-callout rules`.
import { readFileSync } from 'node:fs';
import { option, positional, refuseUnknownOptions, registerCommand, UsageError } from './registry';
import { formatSarif, formatText, validateFiles } from './validate';
import { ruleCatalog } from './rulesCatalog';

const VALIDATE_HELP = `Usage: flow-callout validate [PATHS…] [--format text|json|sarif] [--fail-on error|warning|info|never] [--workers N]

Checks every callout definition and flow under PATHS (files or folders; default: the current folder).
The project root is the nearest folder with sfdx-project.json; its .flowcallout.json sets rule severities.

  --format    text (default: file:line:col, rule id, caret excerpt), json, or sarif (SARIF 2.1.0)
  --fail-on   lowest severity that makes the exit code 1 (default: error)
  --workers   threads to check on (default: one per core on machines with 4 or more cores when the
              project has at least 100 flows per thread, else 1); the output is the same for any number

Exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage or I/O error.
`;

registerCommand('validate', {
  help: VALIDATE_HELP,
  async run(args) {
    refuseUnknownOptions(args, ['--format', '--fail-on', '--workers'], []);
    const format = option(args, '--format') ?? 'text';
    const failOn = option(args, '--fail-on') ?? 'error';
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}").`);
    if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning, info or never (got "${failOn}").`);
    const workersArg = option(args, '--workers');
    const workers = workersArg === undefined ? undefined : Number(workersArg);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) throw new UsageError(`--workers must be a whole number from 1 to 64 (got "${workersArg}").`);
    const paths = positional(args, ['--format', '--fail-on', '--workers']);
    const { results, root } = await validateFiles(paths, undefined, { workers });
    if (format === 'json') process.stdout.write(JSON.stringify(results.map((r) => ({ file: r.file, problems: r.problems.map(({ fix: _fix, ...p }) => p) })), null, 2) + '\n');
    else if (format === 'sarif') process.stdout.write(JSON.stringify(formatSarif(results, root), null, 2) + '\n');
    else process.stdout.write(formatText(results, process.cwd(), (f) => readFileSync(f, 'utf8')) + '\n');
    const rank = { error: 3, warning: 2, info: 1, hint: 0 } as const;
    const threshold = failOn === 'never' ? Infinity : rank[failOn as 'error'];
    return results.some((r) => r.problems.some((p) => rank[p.severity] >= threshold)) ? 1 : 0;
  },
});

registerCommand('rules', {
  help: 'Usage: flow-callout rules\n\nLists every rule: id, default severity, what it finds, source.\n',
  async run() {
    for (const r of ruleCatalog()) process.stdout.write(`${r.id.padEnd(34)} ${r.defaultSeverity.padEnd(8)} ${r.doc}\n${' '.repeat(44)}source: ${r.source}\n`);
    return 0;
  },
});
