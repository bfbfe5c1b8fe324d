// The GEMM section of the bench is bench/gemm.mjs itself, run as a child: its table is printed
// as it is and parsed (GFLOP/s per shape and kernel) for the targets and results/latest.json.
import { execFileSync } from 'node:child_process'
import { benchRoot } from './child.mjs'

const CELL = /(\d+(?:\.\d+)?) \((\d+)%\)/g
const SHAPE = /(\d+)×(\d+)×(\d+)$/

/** Kernel names from the header line: the columns after "shape (m×n×k)". */
const columnsOf = (header) =>
  header
    .replace(/^shape \(m×n×k\)/, '')
    .trim()
    .split(/\s{2,}/)

export function runGemm({ runs }) {
  const text = execFileSync(process.execPath, ['bench/gemm.mjs', '--runs', String(runs)], {
    cwd: benchRoot,
    encoding: 'utf8'
  })
  const lines = text.trimEnd().split('\n')
  const header = lines.find((line) => line.startsWith('shape'))
  const columns = header ? columnsOf(header) : []
  const rows = lines
    .map((line) => ({ line, cells: [...line.matchAll(CELL)] }))
    .filter(({ cells }) => cells.length === columns.length && cells.length > 0)
    .map(({ line, cells }) => {
      const label = line.slice(0, cells[0].index).trim()
      const shape = label.match(SHAPE)
      return {
        label: shape ? label.slice(0, shape.index).trim() : label,
        mnk: shape ? shape.slice(1).map(Number) : null,
        gflops: Object.fromEntries(columns.map((name, i) => [name, Number(cells[i][1])]))
      }
    })
  return { text, columns, rows }
}
