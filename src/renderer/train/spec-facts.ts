/** A run's spec in a few short lines for the dashboard's header. */
import type { RunSpec } from '../../contract/runs'
import { groupDigits } from '../format'

export interface Fact {
  key: string
  label: string
  value: string
}

/** "32 relu → dropout 0.2 → 10 softmax" */
export function layersText(layers: RunSpec['layers']): string {
  return layers
    .map((l) => (l.kind === 'dropout' ? `dropout ${l.rate}` : `${l.units} ${l.activation}`))
    .join(' → ')
}

/** "sgd (learning_rate 0.1, momentum 0.9)", or just the name at Keras's defaults. */
export function optimizerText(optimizer: RunSpec['optimizer']): string {
  const set = Object.entries(optimizer.config).filter(
    ([, v]) => v !== null && typeof v !== 'object'
  )
  if (set.length === 0) return `${optimizer.name} (Keras defaults)`
  return `${optimizer.name} (${set.map(([k, v]) => `${k} ${String(v)}`).join(', ')})`
}

export function specFacts(spec: RunSpec): Fact[] {
  const { data } = spec
  const limit = data.limit === undefined ? '' : `, first ${groupDigits(data.limit)} samples`
  const validation =
    spec.validationSplit === undefined ? 'none' : `last ${Math.round(spec.validationSplit * 100)}%`
  return [
    { key: 'data', label: 'Data', value: `${data.dataset}${limit}` },
    { key: 'layers', label: 'Layers', value: layersText(spec.layers) },
    {
      key: 'loss',
      label: 'Loss',
      value: `${spec.loss}; metrics: ${spec.metrics.join(', ') || 'none'}`
    },
    { key: 'optimizer', label: 'Optimizer', value: optimizerText(spec.optimizer) },
    {
      key: 'schedule',
      label: 'Training',
      value: `${spec.epochs} epoch${spec.epochs === 1 ? '' : 's'} of batch ${spec.batchSize}, seed ${spec.seed}`
    },
    { key: 'validation', label: 'Validation', value: validation }
  ]
}
