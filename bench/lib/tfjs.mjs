// TF.js 4.22 in Node as a contestant: bench/tfjs_mnist.mjs with the wasm or the cpu backend.
import { runNode } from './child.mjs'

/** `steps(model)`: steps to time and extrapolate from, 0 for a whole epoch. */
export function tfjsContestant({ backend, steps }) {
  return {
    key: `tfjs-${backend}`,
    label: `TF.js ${backend}`,
    threads: 1,
    async run(model) {
      const { hidden, batch } = model
      const out = await runNode('bench/tfjs_mnist.mjs', [
        ...['--backend', backend, '--hidden', hidden.join(','), '--batch', String(batch)],
        ...['--steps', String(steps(model))]
      ])
      const note = backend === 'wasm' ? `SIMD ${out.simd}, threads ${out.multithread}` : ''
      return {
        epochSeconds: out.epochSeconds,
        extrapolated: out.extrapolated,
        stepsTimed: out.stepsTimed,
        stepsPerEpoch: out.stepsPerEpoch,
        testAccuracy: out.testAccuracy,
        maxRssKb: out.maxRssKb,
        note
      }
    }
  }
}
