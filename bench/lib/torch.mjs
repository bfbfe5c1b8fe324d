// PyTorch as a contestant: bench/torch_mnist.py under Debian's /usr/bin/python3, on OpenBLAS's
// OpenMP build. PyTorch is only an honest anchor on a fast BLAS: with the reference BLAS apt
// selects by default it is ~30× slower, with the pthread OpenBLAS ~4× (its threads fight
// PyTorch's OpenMP ones), so the BLAS it actually loaded is checked before it may run.
import { spawnSync } from 'node:child_process'
import { runJson } from './child.mjs'

const PYTHON = '/usr/bin/python3'
const SCRIPT = 'bench/torch_mnist.py'
const OPENMP_BLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-openmp'
const FAIR_BLAS = ['openblas-openmp', 'mkl']

const env = {
  LD_LIBRARY_PATH: [OPENMP_BLAS_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':')
}

/** One line on the BLAS, e.g. "openblas-openmp (OpenBLAS 0.3.21 … USE_OPENMP Cooperlake)". */
export const describeBlas = (blas) =>
  `${blas.kind} (${blas.openblasConfig ?? blas.libraries.join(', ')})`

/**
 * The PyTorch contestant for `threads`, or { missing: reason } when torch does not import or
 * loaded an unfair BLAS (measured anyway, loudly flagged, with `allowAnyBlas`).
 */
export async function torchContestant({ threads, allowAnyBlas }) {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { env: { ...process.env, ...env } })
  if (probe.status !== 0) return { missing: `not installed (${PYTHON} -c 'import torch' fails)` }
  const { torch, blas } = await runJson(PYTHON, [SCRIPT, '--blas-only'], env)
  const fair = FAIR_BLAS.includes(blas.kind)
  if (!fair && !allowAnyBlas) {
    return {
      missing:
        `REFUSED: PyTorch loaded ${describeBlas(blas)}, not an anchor; install ` +
        `libopenblas0-openmp (or pass --allow-any-blas to measure it anyway, flagged)`
    }
  }
  return {
    key: `torch-${threads}`,
    label: `PyTorch ${torch} ${threads} thread${threads > 1 ? 's' : ''}${fair ? '' : ' ⚠ UNFAIR BLAS'}`,
    threads,
    blas,
    fair,
    async run({ hidden, batch }) {
      const out = await runJson(
        PYTHON,
        [
          SCRIPT,
          '--threads',
          String(threads),
          '--hidden',
          hidden.join(','),
          '--batch',
          String(batch)
        ],
        env
      )
      if (out.blas.kind !== blas.kind) throw new Error(`PyTorch's BLAS changed to ${out.blas.kind}`)
      return {
        epochSeconds: out.epochSeconds,
        extrapolated: false,
        testAccuracy: out.testAccuracy,
        maxRssKb: out.maxRssKb
      }
    }
  }
}
