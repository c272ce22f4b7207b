// The floor of the flows-at-scale rows, as a process of its own: read every flow (fs.readFileSync) and run
// it through a bare saxes parser (position tracking on, as ours; one handler counting elements, no tree).
// The flow paths come one per line in the file named by argv[2]; prints the number of elements.
const fs = require('node:fs');
const { SaxesParser } = require('saxes');

const paths = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let elements = 0;
for (const p of paths) {
  const parser = new SaxesParser({ position: true });
  parser.on('opentag', () => elements++);
  parser.on('error', () => undefined);
  parser.write(fs.readFileSync(p, 'utf8')).close();
}
process.stdout.write(`${elements}\n`);
