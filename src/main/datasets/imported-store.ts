import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { ImportFileRole } from '../../contract/datasets'
import type { Dataset } from '../../engine/data/dataset'
import { gunzip, isGzip } from '../../engine/data/gzip'
import { DatasetsRepo, type DatasetRecord } from '../store/datasets-repo'
import { parseImportFiles, type ImportFiles } from './imported-files'
import { readWhole } from './read-whole'
import type { ByteStorage } from '../../engine/backend/types'

/** Imported sets live in <data folder>/datasets/<name>/, one file per role, bytes as imported. */
export function datasetsFolder(dataFolder: string): string {
  return join(dataFolder, 'datasets')
}

export function datasetFolder(dataFolder: string, name: string): string {
  return join(datasetsFolder(dataFolder), name)
}

const FILE_NAMES: Record<ImportFileRole, string> = {
  images: 'train-images.idx',
  labels: 'train-labels.idx',
  testImages: 'test-images.idx',
  testLabels: 'test-labels.idx',
  csv: 'train.csv',
  testCsv: 'test.csv'
}

/**
 * Writes the files into a new scratch folder beside the final ones (same file system, so the
 * caller can move it into place with one rename) and returns it with the names given to each role.
 */
export function writeScratchFolder(
  dataFolder: string,
  files: ImportFiles
): { folder: string; names: Partial<Record<ImportFileRole, string>> } {
  mkdirSync(datasetsFolder(dataFolder), { recursive: true })
  const folder = mkdtempSync(join(datasetsFolder(dataFolder), '.import-'))
  const names: Partial<Record<ImportFileRole, string>> = {}
  try {
    for (const [role, bytes] of Object.entries(files) as [ImportFileRole, Uint8Array][]) {
      names[role] = FILE_NAMES[role] + (isGzip(bytes) ? '.gz' : '')
      writeFileSync(join(folder, names[role]), bytes)
    }
  } catch (err) {
    rmSync(folder, { recursive: true, force: true })
    throw err
  }
  return { folder, names }
}

/** The roles whose bytes a data set keeps as its samples (IDX images, used in place). */
const SAMPLE_ROLES: ReadonlySet<ImportFileRole> = new Set(['images', 'testImages'])

/**
 * An imported set's training and test splits, read from its folder as they were imported. With
 * `storage` (a training worker's kernel memory) the IDX images land there, inflated when they
 * were gzipped, and are used in place: no second copy of the samples.
 */
export function loadImportedDataset(
  dataFolder: string,
  record: DatasetRecord,
  storage?: ByteStorage
): { train: Dataset; test: Dataset | null } {
  if (storage) return readImportedDataset(dataFolder, record, storage)
  const key = identity(dataFolder, record)
  const held = loadedSets.get(key)?.deref()
  if (held) return held
  const loaded = readImportedDataset(dataFolder, record)
  loadedSets.set(key, new WeakRef(loaded))
  return loaded
}

/**
 * Sets read without a storage, by identity: while anyone still holds one (the CLI describing a
 * run while runs.create checks its spec), asking again costs nothing; once dropped it is
 * collected like any other data.
 */
const loadedSets = new Map<string, WeakRef<{ train: Dataset; test: Dataset | null }>>()

/** The record and each file's size and modification time: what the decoded set depends on. */
function identity(dataFolder: string, record: DatasetRecord): string {
  const folder = datasetFolder(dataFolder, record.name)
  const files = Object.values(record.files).map((fileName) => {
    try {
      const { size, mtimeMs } = statSync(join(folder, fileName))
      return `${fileName}:${size}:${mtimeMs}`
    } catch {
      return `${fileName}:missing` // reading it will say what is wrong
    }
  })
  return JSON.stringify([folder, record, files])
}

function readImportedDataset(
  dataFolder: string,
  record: DatasetRecord,
  storage?: ByteStorage
): { train: Dataset; test: Dataset | null } {
  const folder = datasetFolder(dataFolder, record.name)
  const files: ImportFiles = {}
  for (const [role, fileName] of Object.entries(record.files) as [ImportFileRole, string][]) {
    const path = join(folder, fileName)
    try {
      if (!storage || !SAMPLE_ROLES.has(role)) files[role] = new Uint8Array(readFileSync(path))
      else if (!fileName.endsWith('.gz')) files[role] = readWhole(path, storage)
      else files[role] = gunzip(new Uint8Array(readFileSync(path)), path, storage)
    } catch (err) {
      throw new Error(`data set ${record.name}: cannot read ${path}: ${(err as Error).message}`, {
        cause: err
      })
    }
  }
  return parseImportFiles(record.name, record, files)
}

/**
 * Looks a name up among the imported sets (loadTrainingData's resolver for them); see
 * loadImportedDataset for `storage`.
 */
export function importedDatasets(db: Database, dataFolder: string, storage?: ByteStorage) {
  const repo = new DatasetsRepo(db)
  return (name: string): { train: Dataset; test: Dataset | null } | undefined => {
    const record = repo.find(name)
    return record && loadImportedDataset(dataFolder, record, storage)
  }
}
