/**
 * The Data view's import form as plain data: which files each format takes, what is wrong with
 * the current choices (per field, shown next to it), and the request the choices make.
 */
import { datasetName, type ImportFileRole } from '../../contract/datasets'
import { maxRequestBytes } from '../../contract/wire'

export type ImportFormat = 'idx' | 'csv'

export interface FileField {
  role: ImportFileRole
  label: string
  /** What the file is, for messages: "choose the training labels file". */
  noun: string
  required: boolean
}

export const fileFields: Record<ImportFormat, readonly FileField[]> = {
  idx: [
    { role: 'images', label: 'Training images', noun: 'training images', required: true },
    { role: 'labels', label: 'Training labels', noun: 'training labels', required: true },
    { role: 'testImages', label: 'Test images (optional)', noun: 'test images', required: false },
    { role: 'testLabels', label: 'Test labels (optional)', noun: 'test labels', required: false }
  ],
  csv: [
    { role: 'csv', label: 'Training CSV', noun: 'training CSV', required: true },
    { role: 'testCsv', label: 'Test CSV (optional)', noun: 'test CSV', required: false }
  ]
}

/** What the form knows of a chosen file. */
export interface ChosenFile {
  name: string
  size: number
}

export interface ImportChoices {
  name: string
  format: ImportFormat
  files: Partial<Record<ImportFileRole, ChosenFile>>
  /** CSV: a header name or a 0-based index; '' to let the importer find it. */
  labelColumn: string
}

/** Problems by field ('name', a file role, 'labelColumn', 'size'); empty when it can be sent. */
export type ImportProblems = Partial<
  Record<ImportFileRole | 'name' | 'labelColumn' | 'size', string>
>

/** base64 makes 4 characters of every 3 bytes; the JSON around it is small. */
const encodedSize = (bytes: number): number => Math.ceil(bytes / 3) * 4

export function importProblems(choices: ImportChoices, taken: readonly string[]): ImportProblems {
  const problems: ImportProblems = {}
  const name = choices.name.trim()
  const parsed = datasetName.safeParse(name)
  if (name === '') problems.name = 'give the data set a name'
  else if (!parsed.success) problems.name = parsed.error.issues[0].message
  else if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) {
    problems.name = `a data set named "${name}" already exists`
  }
  const fields = fileFields[choices.format]
  for (const { role, required, noun } of fields) {
    if (required && !choices.files[role]) problems[role] = `choose the ${noun} file`
  }
  if (choices.format === 'idx' && !choices.files.testImages !== !choices.files.testLabels) {
    const missing = choices.files.testImages ? 'testLabels' : 'testImages'
    problems[missing] = 'test images and test labels go together: choose both or neither'
  }
  if (choices.format === 'csv' && choices.labelColumn.trim().length > 200) {
    problems.labelColumn = 'a column name has at most 200 characters'
  }
  const bytes = fields.reduce((n, { role }) => n + (choices.files[role]?.size ?? 0), 0)
  if (encodedSize(bytes) > maxRequestBytes * 0.98) {
    problems.size =
      `these files are too large to send in one request (${Math.round(bytes / 2 ** 20)} MB): ` +
      'choose the gzipped (.gz) files, or import them with `descent data import` on the command line'
  }
  return problems
}

/** The label column as the API takes it: an index for digits, a header name otherwise. */
export function labelColumnInput(text: string): string | number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed
}
