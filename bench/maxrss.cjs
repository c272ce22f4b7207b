// Preloaded (node -r) into a measured process: on exit, writes its peak resident set size (bytes) to the
// file named by BENCH_MAXRSS_FILE. process.resourceUsage().maxRSS is in KB.
const fs = require('node:fs');
const out = process.env.BENCH_MAXRSS_FILE;
if (out) process.on('exit', () => fs.writeFileSync(out, String(process.resourceUsage().maxRSS * 1024)));
