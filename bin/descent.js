#!/usr/bin/env node
'use strict'
// The CLI lives in the build output (npm run build); this stub only finds it.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const entry = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(entry)) {
  console.error('descent: the app is not built yet. Run `npm run build` first.')
  process.exit(1)
}
require(entry)
  .run(process.argv)
  .catch((err) => {
    console.error(`descent: ${err && err.message ? err.message : err}`)
    process.exit(1)
  })
