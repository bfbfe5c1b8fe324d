// `npm test`: typecheck, lint, unit tests, end-to-end tests — then one closing line
// "N passed, N failed" (the line CI reads). Each check counts as one; each test as one.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const bin = (name) => join('node_modules', '.bin', name)
let passed = 0
let failed = 0
const failures = []

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function check(label, command, args) {
  if (run(label, command, args)) passed++
  else {
    failed++
    failures.push(label)
  }
}

function vitest(label, config) {
  const dir = mkdtempSync(join(tmpdir(), 'descent-vitest-'))
  const report = join(dir, 'report.json')
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]
  if (config) args.push('--config', config)
  const ok = run(label, bin('vitest'), args)
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    passed += json.numPassedTests
    failed += json.numFailedTests
    // A file that failed to load has no failed tests but still failed.
    const broken = json.testResults.filter(
      (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')
    )
    failed += broken.length
    if (!ok || json.numFailedTests > 0 || broken.length > 0) failures.push(label)
  } else {
    failed++
    failures.push(`${label} (no report)`)
  }
  rmSync(dir, { recursive: true, force: true })
}

if (!process.env.DESCENT_SKIP_BUILD) {
  if (!run('build', 'npm', ['run', 'build'])) {
    console.log('\nThe build failed; nothing else can be tested.')
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}
check('typecheck (node side)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit'])
check('typecheck (renderer)', bin('vue-tsc'), ['-p', 'tsconfig.web.json', '--noEmit'])
check('lint (eslint)', bin('eslint'), ['.'])
check('format (prettier)', bin('prettier'), ['--check', '.'])
vitest('unit tests')
vitest('end-to-end tests', 'vitest.e2e.config.mts')

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
