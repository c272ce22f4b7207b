// Preloaded (node -r) into a measured process: on exit, writes its peak resident set size (bytes) and the CPU
// time of all its threads (µs, user + system) as JSON to the file named by BENCH_USAGE_FILE.
const fs = require('node:fs');
const out = process.env.BENCH_USAGE_FILE;
if (out) process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(out, JSON.stringify({ maxRSS: u.maxRSS * 1024, cpuMicros: u.userCPUTime + u.systemCPUTime }));
});
