// Preloaded into a measured child when /usr/bin/time is missing: writes the process's own peak
// RSS (getrusage, in KiB) to the file named by BENCH_PEAK_RSS_FILE as it exits.
const { writeFileSync } = require('node:fs');

process.on('exit', () => writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)));
