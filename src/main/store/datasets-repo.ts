import type { Database } from 'better-sqlite3'
import type { ImportFileRole } from '../../contract/datasets'
import type { Task } from '../../engine/data/dataset'

/** An imported data set as the `datasets` table keeps it; its files live in the data folder. */
export interface DatasetRecord {
  id: number
  name: string
  format: 'idx' | 'csv'
  /** File name in the set's folder, by the role it was imported as. */
  files: Partial<Record<ImportFileRole, string>>
  task: Task
  count: number
  featureShape: number[]
  imageShape: [number, number] | null
  numClasses: number
  classNames: string[] | null
  classCounts: number[]
  testCount: number | null
  /** CSV: the label column asked for at import, so the files are read the same way again. */
  labelColumn: string | number | null
  createdAt: number
}

interface DatasetRow {
  id: number
  name: string
  format: 'idx' | 'csv'
  files: string
  task: string
  count: number
  feature_shape: string
  image_shape: string | null
  num_classes: number
  class_names: string | null
  class_counts: string | null
  test_count: number | null
  label_column: string | null
  created_at: number
}

const parseOrNull = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T)

function fromRow(row: DatasetRow): DatasetRecord {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    files: JSON.parse(row.files) as DatasetRecord['files'],
    task: row.task as Task,
    count: row.count,
    featureShape: JSON.parse(row.feature_shape) as number[],
    imageShape: parseOrNull<[number, number]>(row.image_shape),
    numClasses: row.num_classes,
    classNames: parseOrNull<string[]>(row.class_names),
    classCounts: parseOrNull<number[]>(row.class_counts) ?? [],
    testCount: row.test_count,
    labelColumn: parseOrNull<string | number>(row.label_column),
    createdAt: row.created_at
  }
}

const jsonOrNull = (value: unknown): string | null =>
  value === null ? null : JSON.stringify(value)

/** The rows of imported data sets. Names are unique regardless of case (they name folders). */
export class DatasetsRepo {
  constructor(private readonly db: Database) {}

  list(): DatasetRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM datasets ORDER BY name COLLATE NOCASE')
      .all() as DatasetRow[]
    return rows.map(fromRow)
  }

  /** The set named `name`, compared without regard to case. */
  find(name: string): DatasetRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM datasets WHERE name = ? COLLATE NOCASE')
      .get(name) as DatasetRow | undefined
    return row && fromRow(row)
  }

  insert(record: Omit<DatasetRecord, 'id'>): DatasetRecord {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO datasets (name, format, files, task, count, feature_shape, image_shape, num_classes,
           class_names, class_counts, test_count, label_column, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        record.name,
        record.format,
        JSON.stringify(record.files),
        record.task,
        record.count,
        JSON.stringify(record.featureShape),
        jsonOrNull(record.imageShape),
        record.numClasses,
        jsonOrNull(record.classNames),
        JSON.stringify(record.classCounts),
        record.testCount,
        jsonOrNull(record.labelColumn),
        record.createdAt
      )
    return { ...record, id: Number(lastInsertRowid) }
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0
  }
}
