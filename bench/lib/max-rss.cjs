// Preloaded into a benchmarked Node process (node -r): at exit, writes the process's peak
// resident set size (getrusage's ru_maxrss, every thread included) to $BENCH_RSS_FILE, in kB.
'use strict'
const { writeFileSync } = require('node:fs')

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) {
    writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS))
  }
})
