// The anchor of the flows-at-scale rows, as a process of its own (like `flow-callout validate`): Lightning
// Flow Scanner's public parse(paths) (reads and parses the files) then scan() with its default rules. The
// flow paths come one per line in the file named by argv[2]; prints the number of violations.
const fs = require('node:fs');
const { parse, scan } = require('@flow-scanner/lightning-flow-scanner-core');

(async () => {
  const paths = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const results = scan(await parse(paths));
  let n = 0;
  for (const r of results) for (const rr of r.ruleResults) if (rr.occurs) n += rr.details.length;
  process.stdout.write(`${n}\n`);
})();
