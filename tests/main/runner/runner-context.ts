import { createHash } from 'node:crypto'
import type { EventName, EventPayload, RunRecord, RunSpec } from '../../../src/contract'
import { createDispatch, createHandlers } from '../../../src/main/api/handlers'
import type { AppContext } from '../../../src/main/context'
import type { Runner } from '../../../src/main/runner/runner'
import { attachRunner } from '../../../src/main/services/runs/runner-registry'
import { tempContext } from '../test-context'
import { ensureBuilt, wasmDir, workerPath } from './built-app'

export interface RunnerContext {
  ctx: AppContext
  runner: Runner
  call: (name: string, input: unknown) => Promise<unknown>
  create: (spec: RunSpec, extra?: Record<string, unknown>) => Promise<RunRecord>
  cleanup: () => Promise<void>
}

/** A temporary data folder with a Runner on the built worker and the real handlers. */
export function runnerContext(): RunnerContext {
  ensureBuilt()
  const { ctx, cleanup } = tempContext()
  const runner = attachRunner(ctx, { workerPath, wasmDir })
  const call = createDispatch(createHandlers(ctx))
  return {
    ctx,
    runner,
    call,
    create: (spec, extra = {}) => call('runs.create', { spec, ...extra }) as Promise<RunRecord>,
    cleanup: async () => {
      await runner.shutdown()
      cleanup()
    }
  }
}

/** Resolves with the first event `event` of run `id` that passes `test`. */
export function nextEvent<E extends EventName>(
  ctx: AppContext,
  event: E,
  id: number,
  test: (payload: EventPayload<E>) => boolean = () => true
): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const stop = ctx.events.subscribe((name, payload) => {
      const p = payload as EventPayload<E> & { id: number }
      if (name === event && p.id === id && test(p)) {
        stop()
        resolve(p)
      }
    })
  })
}

/** Small real training: MNIST's first samples, one hidden layer, a few hundred steps an epoch. */
export function mnistSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    data: { dataset: 'mnist', limit: 3000 },
    layers: [
      { kind: 'dense', units: 32, activation: 'relu' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 10, activation: 'softmax' }
    ],
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'adam', config: { learning_rate: 0.002 } },
    epochs: 3,
    batchSize: 10,
    seed: 7,
    validationSplit: 0.1,
    ...overrides
  }
}

/** A digest of weights' exact bits: equal digests mean bit-identical weights (and fail fast). */
export function bitsOf(weights: Float32Array[]): string {
  const hash = createHash('sha256')
  for (const w of weights) hash.update(new Uint8Array(w.buffer, w.byteOffset, w.byteLength))
  return `${weights.map((w) => w.length).join(',')}:${hash.digest('hex')}`
}
