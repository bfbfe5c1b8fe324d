import type { Database } from 'better-sqlite3'
import type { RunSpec } from '../../contract/runs'
import type { Task } from '../../engine/data/dataset'
import type { CompileConfig, DatasetDescription } from '../../engine/formats'
import type { History } from '../../engine/model/history'
import type { SequentialSpec } from '../../engine/model/sequential'
import type { OptimizerState } from '../../engine/optimizers'
import {
  decodeFloat32List,
  decodeOptimizerState,
  encodeFloat32List,
  encodeOptimizerState
} from './codec'

/** The `spec` column of a model: everything needed to rebuild it, plus a cheap outline for lists. */
export interface StoredModelSpec {
  /** Sequential.toConfig(): the layers, InputLayer first. */
  architecture: SequentialSpec
  /** How it was compiled; null for a file that did not say (a TF.js or Keras export). */
  compile: CompileConfig | null
  /** The data set it was trained on, when known. */
  dataset: DatasetDescription | null
  /** The spec of the run it came from, when it came from one (continuing training starts here). */
  training: RunSpec | null
  task: Task
  inputShape: number[]
  params: number
  /** "784 → 512 relu → 10 softmax" */
  layers: string
}

/** A model as listed: everything but the weight and optimizer BLOBs. */
export interface ModelHeader {
  id: number
  name: string
  dataset: string
  spec: StoredModelSpec
  history: History
  metrics: Record<string, number> | null
  hasOptimizerState: boolean
  sourceRunId: number | null
  sourceEpoch: number | null
  createdAt: number
}

export interface ModelRecord extends ModelHeader {
  weights: Float32Array[]
  optimizerState: OptimizerState | null
}

export type NewModel = Omit<ModelRecord, 'id' | 'hasOptimizerState'>

interface ModelRow {
  id: number
  name: string
  dataset: string
  spec: string
  history: string
  metrics: string | null
  has_optimizer_state: number
  source_run_id: number | null
  source_epoch: number | null
  created_at: number
}

const HEADER_COLUMNS = `id, name, dataset, spec, history, metrics, optimizer_state IS NOT NULL AS has_optimizer_state,
  source_run_id, source_epoch, created_at`

function headerFromRow(row: ModelRow): ModelHeader {
  return {
    id: row.id,
    name: row.name,
    dataset: row.dataset,
    spec: JSON.parse(row.spec) as StoredModelSpec,
    history: JSON.parse(row.history) as History,
    metrics: row.metrics === null ? null : (JSON.parse(row.metrics) as Record<string, number>),
    hasOptimizerState: row.has_optimizer_state === 1,
    sourceRunId: row.source_run_id,
    sourceEpoch: row.source_epoch,
    createdAt: row.created_at
  }
}

/** The model library's rows; weights and optimizer state in the encodings of ./codec.ts. */
export class ModelsRepo {
  constructor(private readonly db: Database) {}

  list(): ModelHeader[] {
    const rows = this.db
      .prepare(`SELECT ${HEADER_COLUMNS} FROM models ORDER BY id`)
      .all() as ModelRow[]
    return rows.map(headerFromRow)
  }

  header(id: number): ModelHeader | undefined {
    const row = this.db.prepare(`SELECT ${HEADER_COLUMNS} FROM models WHERE id = ?`).get(id) as
      ModelRow | undefined
    return row && headerFromRow(row)
  }

  get(id: number): ModelRecord | undefined {
    const row = this.db
      .prepare(`SELECT ${HEADER_COLUMNS}, weights, optimizer_state FROM models WHERE id = ?`)
      .get(id) as (ModelRow & { weights: Buffer; optimizer_state: Buffer | null }) | undefined
    if (!row) return undefined
    return {
      ...headerFromRow(row),
      weights: decodeFloat32List(row.weights),
      optimizerState: row.optimizer_state && decodeOptimizerState(row.optimizer_state)
    }
  }

  insert(model: NewModel): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO models (name, dataset, spec, weights, optimizer_state, history, metrics,
           source_run_id, source_epoch, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        model.name,
        model.dataset,
        JSON.stringify(model.spec),
        encodeFloat32List(model.weights),
        model.optimizerState && encodeOptimizerState(model.optimizerState),
        JSON.stringify(model.history),
        model.metrics && JSON.stringify(model.metrics),
        model.sourceRunId,
        model.sourceEpoch,
        model.createdAt
      )
    return Number(lastInsertRowid)
  }

  rename(id: number, name: string): boolean {
    return this.db.prepare('UPDATE models SET name = ? WHERE id = ?').run(name, id).changes > 0
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM models WHERE id = ?').run(id).changes > 0
  }
}
