/**
 * An independent float64 re-implementation of the Keras 3 optimizer step, written straight from
 * the formulas in REFERENCE.md (and keras/src/optimizers), on plain number arrays. It imports
 * nothing from src/: the golden runs compare the engine against it.
 */
export type ReferenceOptions = Record<string, number | boolean | null>

/** Keras 3 defaults, restated from REFERENCE.md. */
export const kerasDefaults: Record<string, ReferenceOptions> = {
  sgd: { learning_rate: 0.01, momentum: 0, nesterov: false },
  rmsprop: { learning_rate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
  adagrad: { learning_rate: 1e-3, initial_accumulator_value: 0.1, epsilon: 1e-7 },
  adam: { learning_rate: 1e-3, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false },
  adamw: {
    learning_rate: 1e-3,
    beta_1: 0.9,
    beta_2: 0.999,
    epsilon: 1e-7,
    amsgrad: false,
    weight_decay: 0.004
  },
  nadam: { learning_rate: 1e-3, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 },
  adadelta: { learning_rate: 1e-3, rho: 0.95, epsilon: 1e-7 }
}

type Rule = (
  o: ReferenceOptions,
  slot: (name: string, initial?: number) => number,
  set: (name: string, value: number) => void,
  w: number,
  g: number,
  lr: number,
  t: number,
  uProduct: number
) => number

const num = (o: ReferenceOptions, key: string) => o[key] as number

/** Dozat's momentum schedule as Keras's Nadam uses it. */
const nadamU = (beta1: number, t: number) => beta1 * (1 - 0.5 * Math.pow(0.96, t))

/** Each rule takes one element's weight and gradient and returns the new weight. */
const rules: Record<string, Rule> = {
  sgd(o, slot, set, w, g, lr) {
    const mu = num(o, 'momentum')
    if (mu === 0) return w - lr * g
    const v = mu * slot('momentum') - lr * g
    set('momentum', v)
    return o.nesterov ? w + mu * v - lr * g : w + v
  },
  rmsprop(o, slot, set, w, g, lr) {
    const rho = num(o, 'rho')
    const mu = num(o, 'momentum')
    const eps = num(o, 'epsilon')
    const s = rho * slot('velocity') + (1 - rho) * g * g
    set('velocity', s)
    let D = s + eps
    if (o.centered) {
      const gBar = rho * slot('average_gradient') + (1 - rho) * g
      set('average_gradient', gBar)
      D = s - gBar * gBar + eps
    }
    const inc = (lr * g) / Math.sqrt(D)
    if (mu === 0) return w - inc
    const m = mu * slot('momentum') + inc
    set('momentum', m)
    return w - m
  },
  adagrad(o, slot, set, w, g, lr) {
    const a = slot('accumulator', num(o, 'initial_accumulator_value')) + g * g
    set('accumulator', a)
    return w - (lr * g) / Math.sqrt(a + num(o, 'epsilon'))
  },
  adam(o, slot, set, w, g, lr, t) {
    const b1 = num(o, 'beta_1')
    const b2 = num(o, 'beta_2')
    const m = slot('m') + (g - slot('m')) * (1 - b1)
    const v = slot('v') + (g * g - slot('v')) * (1 - b2)
    set('m', m)
    set('v', v)
    let vUsed = v
    if (o.amsgrad) {
      vUsed = Math.max(slot('vmax'), v)
      set('vmax', vUsed)
    }
    const alpha = (lr * Math.sqrt(1 - Math.pow(b2, t))) / (1 - Math.pow(b1, t))
    return w - (alpha * m) / (Math.sqrt(vUsed) + num(o, 'epsilon'))
  },
  nadam(o, slot, set, w, g, lr, t, uProduct) {
    const b1 = num(o, 'beta_1')
    const b2 = num(o, 'beta_2')
    const m = slot('m') + (g - slot('m')) * (1 - b1)
    const v = slot('v') + (g * g - slot('v')) * (1 - b2)
    set('m', m)
    set('v', v)
    const u = nadamU(b1, t)
    const uNext = nadamU(b1, t + 1)
    const mHat = (uNext * m) / (1 - uProduct * uNext) + ((1 - u) * g) / (1 - uProduct)
    const vHat = v / (1 - Math.pow(b2, t))
    return w - (lr * mHat) / (Math.sqrt(vHat) + num(o, 'epsilon'))
  },
  adadelta(o, slot, set, w, g, lr) {
    const rho = num(o, 'rho')
    const eps = num(o, 'epsilon')
    const Eg = rho * slot('Eg') + (1 - rho) * g * g
    const delta = (-Math.sqrt(slot('Edelta') + eps) / Math.sqrt(Eg + eps)) * g
    set('Eg', Eg)
    set('Edelta', rho * slot('Edelta') + (1 - rho) * delta * delta)
    return w + lr * delta
  }
}
rules.adamw = rules.adam

export class ReferenceOptimizer {
  iterations = 0
  private readonly o: ReferenceOptions
  private readonly slots = new Map<string, number>()
  private uProduct = 1

  /** lrAt(iterations) gives the rate of the next step (a constant unless a schedule is tested). */
  constructor(
    private readonly name: string,
    options: ReferenceOptions,
    private readonly lrAt: (iterations: number) => number = () => num(this.o, 'learning_rate')
  ) {
    this.o = { ...kerasDefaults[name], ...options }
  }

  step(params: number[][], gradients: number[][]): void {
    const g = gradients.map((row) => [...row])
    const lr = this.lrAt(this.iterations)
    clip(g, this.o)
    const wd = this.o.weight_decay
    if (typeof wd === 'number') {
      for (const w of params) for (let j = 0; j < w.length; j++) w[j] = w[j] - lr * wd * w[j]
    }
    const t = this.iterations + 1
    if (this.name === 'nadam') this.uProduct *= nadamU(num(this.o, 'beta_1'), t)
    params.forEach((w, i) => {
      for (let j = 0; j < w.length; j++) {
        const key = (slot: string) => `${slot}/${i}/${j}`
        const slot = (s: string, initial = 0) => this.slots.get(key(s)) ?? initial
        const set = (s: string, value: number) => void this.slots.set(key(s), value)
        w[j] = rules[this.name](this.o, slot, set, w[j], g[i][j], lr, t, this.uProduct)
      }
    })
    this.iterations = t
  }
}

function clip(g: number[][], o: ReferenceOptions): void {
  const norm = (rows: number[][]) => Math.sqrt(rows.flat().reduce((s, x) => s + x * x, 0))
  const scaleAll = (rows: number[][], f: number) =>
    rows.forEach((row) => row.forEach((x, j) => (row[j] = x * f)))
  if (typeof o.clipnorm === 'number') {
    const c = o.clipnorm
    for (const row of g) scaleAll([row], c / Math.max(norm([row]), c))
  } else if (typeof o.global_clipnorm === 'number') {
    const c = num(o, 'global_clipnorm')
    scaleAll(g, c / Math.max(norm(g), c))
  } else if (typeof o.clipvalue === 'number') {
    const c = num(o, 'clipvalue')
    for (const row of g) row.forEach((x, j) => (row[j] = Math.min(c, Math.max(-c, x))))
  }
}
