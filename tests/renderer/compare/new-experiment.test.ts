// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { ExperimentDetail } from '../../../src/contract/experiments'
import CompareView from '../../../src/renderer/views/CompareView.vue'
import { FakeBridge } from '../support/fake-bridge'
import { mnistInfo } from '../support/fixtures'
import { cleanUpViews, mountView, type MountedView } from '../support/mount-view'

const started = (id: number): ExperimentDetail => ({
  id,
  name: 'new',
  kind: 'comparison',
  createdAt: 0,
  runCount: 0,
  statusCounts: {},
  config: {},
  runs: [],
  groups: [],
  sweep: null
})

function api(): FakeBridge {
  return new FakeBridge({
    'datasets.list': () => [mnistInfo],
    'runs.list': () => [],
    'experiments.list': () => [],
    'experiments.get': ({ id }) => started(id),
    'experiments.compare': () => started(7),
    'experiments.sweep': () => started(8)
  })
}

let wrapper: VueWrapper | undefined
cleanUpViews()

async function open(fake: FakeBridge, path: string): Promise<MountedView> {
  const view = await mountView(CompareView, path, fake)
  wrapper = view.wrapper
  return view
}

const byId = (id: string) => wrapper!.find(`[data-testid="${id}"]`)
const startButton = () => byId('compare-start').element as HTMLButtonElement

describe('starting a comparison from the Compare view', () => {
  it('checks every field inline and starts sgd against adam on the quick spec', async () => {
    const fake = api()
    const mounted = await open(fake, '/compare')
    await flushPromises()
    expect(startButton().disabled).toBe(false)

    await byId('compare-seeds').setValue('0')
    expect(wrapper!.text()).toContain('must be a whole number ≥ 1 and ≤ 20')
    expect(byId('compare-seeds').attributes('aria-invalid')).toBe('true')
    expect(startButton().disabled).toBe(true)
    await byId('compare-seeds').setValue('2')

    await byId('compare-spec-layers').setValue('16:relu,10:softmx')
    expect(wrapper!.text()).toContain('unknown activation "softmx"')
    expect(startButton().disabled).toBe(true)
    await byId('compare-spec-layers').setValue('16:relu,10:softmax')
    await byId('compare-spec-limit').setValue('300')

    await byId('compare-opt-0-momentum').setValue('1.5')
    expect(byId('compare-opt-0-momentum').attributes('aria-invalid')).toBe('true')
    expect(startButton().disabled).toBe(true)
    await byId('compare-opt-0-momentum').setValue('0.9')
    expect(startButton().disabled).toBe(false)

    await byId('compare-start').trigger('click')
    await flushPromises()
    expect(fake.inputs('experiments.compare')).toEqual([
      {
        spec: {
          data: { dataset: 'mnist', limit: 300 },
          layers: [
            { kind: 'dense', units: 16, activation: 'relu' },
            { kind: 'dense', units: 10, activation: 'softmax' }
          ],
          loss: 'categorical_crossentropy',
          metrics: ['accuracy'],
          epochs: 2,
          batchSize: 32,
          seed: 1
        },
        optimizers: [
          { name: 'sgd', config: { momentum: 0.9 } },
          { name: 'adam', config: {} }
        ],
        seeds: 2
      }
    ])
    // The view follows the new experiment.
    expect(mounted.router.currentRoute.value.query).toEqual({ experiment: '7' })
  })

  it('adds and removes optimizers, each showing its own defaults', async () => {
    await open(api(), '/compare')
    await flushPromises()
    await byId('compare-add-optimizer').trigger('click')
    expect((byId('compare-opt-2-name').element as HTMLSelectElement).value).toBe('rmsprop')
    expect(byId('compare-opt-2').text()).toContain('default 0.9 · PyTorch 0.99')
    await byId('compare-opt-0-remove').trigger('click')
    await byId('compare-opt-0-remove').trigger('click')
    await byId('compare-opt-0-remove').trigger('click')
    expect(wrapper!.text()).toContain('add at least one optimizer')
    expect(startButton().disabled).toBe(true)
  })

  it('starts a sweep with its grid, refusing a grid upside down', async () => {
    const fake = api()
    await open(fake, '/compare')
    await flushPromises()
    await byId('compare-new-sweep').trigger('click')
    expect(byId('compare-sweep-opt-learning-rate').exists()).toBe(false)
    await byId('compare-sweep-min').setValue('0.5')
    await byId('compare-sweep-max').setValue('0.05')
    expect(wrapper!.text()).toContain('must be above the smallest rate')
    expect(startButton().disabled).toBe(true)
    await byId('compare-sweep-min').setValue('0.001')
    await byId('compare-sweep-steps').setValue('3')
    await byId('compare-sweep-seeds').setValue('2')
    await byId('compare-start').trigger('click')
    await flushPromises()
    const [input] = fake.inputs('experiments.sweep')
    expect(input.learningRates).toEqual({ min: 0.001, max: 0.05, steps: 3 })
    expect(input.seeds).toBe(2)
    expect(input.optimizer).toEqual({ name: 'sgd', config: {} })
  })

  it('takes the Build view’s network and optimizer with ?from=build', async () => {
    const fake = api()
    await open(fake, '/compare?from=build')
    await flushPromises()
    // Build's default draft: the lecture's 512-128-10 with RMSprop, 5 epochs of batch 128.
    expect(byId('compare-build-spec').text()).toContain('512:relu,128:relu,10:softmax')
    expect((byId('compare-opt-0-name').element as HTMLSelectElement).value).toBe('rmsprop')
    expect((byId('compare-opt-1-name').element as HTMLSelectElement).value).toBe('adam')
    await byId('compare-start').trigger('click')
    await flushPromises()
    const [input] = fake.inputs('experiments.compare')
    expect(input.spec).toMatchObject({ data: { dataset: 'mnist' }, epochs: 5, batchSize: 128 })
    expect(input.spec).not.toHaveProperty('optimizer')
    expect(input.optimizers.map((o) => o.name)).toEqual(['rmsprop', 'adam'])
  })

  it('shows why the service refused to start', async () => {
    const fake = new FakeBridge({
      'datasets.list': () => [mnistInfo],
      'runs.list': () => [],
      'experiments.list': () => [],
      'experiments.compare': () => {
        throw { code: 'CONFLICT', message: 'no room for 40 runs' }
      }
    })
    await open(fake, '/compare')
    await flushPromises()
    await byId('compare-start').trigger('click')
    await flushPromises()
    expect(byId('compare-start-error').text()).toBe('no room for 40 runs')
  })
})
