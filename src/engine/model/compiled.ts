import type { LabelEncoding } from '../data/dataset'
import type { LossName } from '../losses/index'
import type { MetricName } from '../metrics'
import type { Optimizer } from '../optimizers/index'

/** A metric as compiled: logged under the name the user gave (e.g. 'accuracy'), computed as `name`. */
export interface CompiledMetric {
  readonly key: string
  readonly name: MetricName
}

/** What compile() fixes: the loss, the metrics, the optimizer and how targets are encoded. */
export interface Compiled {
  readonly loss: LossName
  readonly labels: LabelEncoding
  readonly metrics: readonly CompiledMetric[]
  readonly optimizer: Optimizer
}
