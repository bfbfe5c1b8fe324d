// Compiles the AssemblyScript kernels (src/engine/wasm/assembly) into resources/wasm/.
// Four builds of the same source: standard SIMD or relaxed SIMD (fused multiply-add), each with
// a private memory (browser, single thread) or an imported shared memory (the worker pool).
// Skips the work when every output is newer than every source; `--force` rebuilds anyway.
import asc from 'assemblyscript/asc'
import { mkdirSync, readdirSync, renameSync, statSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sourceDir = join(root, 'src', 'engine', 'wasm', 'assembly')
const outDir = join(root, 'resources', 'wasm')

/** wasm32's whole address space: a shared memory must declare a maximum, the host picks its size. */
const MAX_PAGES = 65536

const variants = [
  { file: 'kernels-simd.wasm', features: ['simd'], shared: false },
  { file: 'kernels-relaxed-simd.wasm', features: ['simd', 'relaxed-simd'], shared: false },
  { file: 'kernels-simd-shared.wasm', features: ['simd', 'threads'], shared: true },
  {
    file: 'kernels-relaxed-simd-shared.wasm',
    features: ['simd', 'relaxed-simd', 'threads'],
    shared: true
  }
]

function upToDate() {
  const newestSource = Math.max(
    ...readdirSync(sourceDir).map((name) => statSync(join(sourceDir, name)).mtimeMs),
    statSync(fileURLToPath(import.meta.url)).mtimeMs
  )
  return variants.every(({ file }) => {
    const out = join(outDir, file)
    return existsSync(out) && statSync(out).mtimeMs >= newestSource
  })
}

async function build({ file, features, shared }) {
  // Write beside the target and rename: concurrent builds (parallel test files) never see half a file.
  const tmp = join(outDir, `.${file}.${process.pid}.tmp`)
  const args = [
    join(sourceDir, 'index.ts'),
    '--outFile',
    tmp,
    '--optimizeLevel',
    '3',
    '--noAssert',
    '--runtime',
    'stub',
    '--importMemory',
    '--initialMemory',
    '1',
    // 112: "exchange of v128 values" — madd() is exported between source files, never to the host.
    '--disableWarning',
    '112',
    ...features.flatMap((feature) => ['--enable', feature]),
    ...(shared ? ['--sharedMemory', '--maximumMemory', String(MAX_PAGES)] : [])
  ]
  const { error, stderr } = await asc.main(args)
  if (error) throw new Error(`asc failed for ${file}: ${error.message}\n${stderr.toString()}`)
  renameSync(tmp, join(outDir, file))
}

mkdirSync(outDir, { recursive: true })
if (process.argv.includes('--force') || !upToDate()) {
  for (const variant of variants) await build(variant)
  console.log(`build-wasm: ${variants.map((v) => v.file).join(', ')} → resources/wasm/`)
} else {
  console.log('build-wasm: resources/wasm/ is up to date')
}
