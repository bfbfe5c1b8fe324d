import fc from 'fast-check'
import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { parseCsv, AUTO_CLASS_LIMIT } from '../../../src/engine/data/csv'
import type { Dataset } from '../../../src/engine/data/dataset'
import { dataError } from './data-error'

const IRIS = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
7.0,3.2,4.7,1.4,versicolor
6.3,3.3,6.0,2.5,virginica
4.9,3.0,1.4,0.2,setosa
`

function features(d: Dataset): number[][] {
  return Array.from({ length: d.count }, (_, i) => Array.from(d.sampleFeatures(i)))
}

function labelsOf(d: Dataset): number[] {
  return Array.from({ length: d.count }, (_, i) => d.labelOf(i))
}

function targets(d: Dataset): number[] {
  const y = new Float32Array(d.count * d.targetDim)
  d.fillBatch(
    Uint32Array.from({ length: d.count }, (_, i) => i),
    0,
    d.count,
    new Float32Array(d.count * d.featureSize),
    y,
    'onehot'
  )
  return Array.from(y)
}

const f32 = (rows: number[][]): number[][] => rows.map((row) => row.map(Math.fround))

describe('parseCsv', () => {
  it('reads a header, float features and text classes in sorted order', () => {
    const d = parseCsv(IRIS, { fileName: 'data/iris.csv' })
    expect([d.name, d.count, d.featureShape, d.task, d.numClasses]).toEqual([
      'iris',
      4,
      [4],
      'multiclass',
      3
    ])
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(labelsOf(d)).toEqual([0, 1, 2, 0])
    expect(features(d)[1]).toEqual(f32([[7.0, 3.2, 4.7, 1.4]])[0])
  })

  it('reads files without a header, label in the last column by default', () => {
    const d = parseCsv('1,2,0\n3,4,1\n5,6,1\n', { fileName: 'f.csv' })
    expect(features(d)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6]
    ])
    expect([d.task, d.numClasses, d.targetDim]).toEqual(['binary', 2, 1])
    expect(targets(d)).toEqual([0, 1, 1])
  })

  it('finds a column named label/class/target/y, or takes the one asked for', () => {
    const text = 'Label,a,b\n1,0.5,2\n0,1.5,3\n2,2.5,4\n'
    expect(labelsOf(parseCsv(text, { fileName: 'f' }))).toEqual([1, 0, 2])
    const byName = parseCsv(text, { fileName: 'f', labelColumn: 'b', task: 'regression' })
    expect([features(byName), targets(byName)]).toEqual([
      [
        [1, 0.5],
        [0, 1.5],
        [2, 2.5]
      ],
      [2, 3, 4]
    ])
    expect(targets(parseCsv(text, { fileName: 'f', labelColumn: 1, task: 'regression' }))).toEqual([
      0.5, 1.5, 2.5
    ])
  })

  it('handles quoted cells with commas and quotes, CRLF, a BOM and blank lines', () => {
    const text = '\uFEFFx,"the ""label"", quoted"\r\n"1.5","a, b"\r\n\r\n2,"c"\r\n-3e2,"a, b"\r\n'
    const d = parseCsv(text, { fileName: 'q.csv' })
    expect(d.classNames).toEqual(['a, b', 'c'])
    expect(features(d)).toEqual([[1.5], [2], [-300]])
    expect(labelsOf(d)).toEqual([0, 1, 0])
  })

  it('reads UTF-8 bytes, with a BOM, gzipped or not', () => {
    const bytes = new TextEncoder().encode('\uFEFF' + IRIS)
    expect(parseCsv(bytes, { fileName: 'iris.csv' }).count).toBe(4)
    const gz = parseCsv(gzipSync(bytes), { fileName: 'iris.csv.gz' })
    expect([gz.name, gz.count]).toEqual(['iris', 4])
    expect(
      dataError(() => parseCsv(Uint8Array.from([0x61, 0xff, 0x0a]), { fileName: 'b.csv' })).problem
    ).toBe('the file is not UTF-8 text')
  })

  it('detects the task from the labels', () => {
    const rows = (labels: (string | number)[]): string =>
      labels.map((l, i) => `${i},${l}`).join('\n')
    expect(parseCsv(rows([0, 1, 1, 0]), { fileName: 'f' }).task).toBe('binary')
    expect(parseCsv(rows([3, 1, 2, 1]), { fileName: 'f' }).task).toBe('multiclass')
    expect(parseCsv(rows([0.5, 1, 2, 1]), { fileName: 'f' }).task).toBe('regression')
    const many = Array.from({ length: AUTO_CLASS_LIMIT + 1 }, (_, i) => i)
    expect(parseCsv(rows(many), { fileName: 'f' }).task).toBe('regression')
    expect(parseCsv(rows(['yes', 'no', 'yes']), { fileName: 'f' }).task).toBe('binary')
    expect(parseCsv(rows([7, 7, 7]), { fileName: 'f' }).task).toBe('regression')
  })

  it('names numeric classes by value and numbers them in numeric order', () => {
    const d = parseCsv('a,class\n1,10\n2,-1\n3,2.0\n4,2\n', { fileName: 'f' })
    expect(d.classNames).toEqual(['-1', '2', '10'])
    expect(labelsOf(d)).toEqual([2, 0, 1, 1])
  })

  it('lets the caller force the task and the header', () => {
    const d = parseCsv('1,2\n3,4\n', { fileName: 'f', task: 'multiclass' })
    expect([d.numClasses, d.classNames]).toEqual([2, ['2', '4']])
    const headerless = parseCsv('a,1\nb,2\nc,3\n', {
      fileName: 'f',
      hasHeader: false,
      labelColumn: 0
    })
    expect([headerless.count, headerless.classNames]).toEqual([3, ['a', 'b', 'c']])
  })
})

describe('parseCsv errors name the file, line and column', () => {
  it('an empty file, or one without data rows', () => {
    expect(dataError(() => parseCsv(' \n\r\n', { fileName: 'e.csv' })).message).toBe(
      'e.csv: the file is empty'
    )
    const e = dataError(() => parseCsv('a,b,label\n', { fileName: 'h.csv' }))
    expect(e.message).toBe('h.csv, line 1: no data rows: the file holds only a header')
  })

  it('a ragged row', () => {
    const text = 'a,b,c,label\n' + '1,2,3,0\n'.repeat(5) + '1,2,3,4,0\n'
    const e = dataError(() => parseCsv(text, { fileName: 'r.csv' }))
    expect([e.line, e.problem]).toEqual([7, 'line 7 has 5 cells, the header has 4'])
    const noHeader = dataError(() => parseCsv('1,2\n3\n', { fileName: 'r.csv' }))
    expect(noHeader.problem).toBe('line 2 has 1 cells, line 1 has 2')
  })

  it('a cell that is not a number', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `5.${i},3,1,0.${i},setosa`)
    rows.push('5,3,1,abc,setosa')
    const e = dataError(() =>
      parseCsv(IRIS.split('\n')[0] + '\n' + rows.join('\n'), { fileName: 'iris.csv' })
    )
    expect([e.line, e.column, e.columnName]).toEqual([12, 4, 'petal_width'])
    expect(e.message).toBe(`iris.csv, line 12, column "petal_width": 'abc' is not a number`)
  })

  it('NaN, Infinity, overflowing and empty cells', () => {
    const cases: [string, string][] = [
      ['NaN', `'NaN' is not a finite number`],
      ['-Infinity', `'-Infinity' is not a finite number`],
      ['1e999', `'1e999' is not a finite number`],
      ['0x10', `'0x10' is not a number`],
      [' ', 'empty cell']
    ]
    for (const [cell, problem] of cases) {
      const e = dataError(() => parseCsv(`1,2,0\n3,${cell},1\n`, { fileName: 'n.csv' }))
      expect([e.line, e.column, e.columnName, e.problem]).toEqual([2, 2, undefined, problem])
      expect(e.message).toBe(`n.csv, line 2, column 2: ${problem}`)
    }
    const emptyLabel = dataError(() => parseCsv('a,y\n1,0\n2,\n', { fileName: 'n.csv' }))
    expect(emptyLabel.message).toBe('n.csv, line 3, column "y": empty cell')
  })

  it('a regression target that is not a number', () => {
    const e = dataError(() =>
      parseCsv('x,y\n1,2\n2,two\n', { fileName: 'r.csv', task: 'regression' })
    )
    expect(e.message).toBe(`r.csv, line 3, column "y": 'two' is not a number`)
  })

  it('a label column that does not exist', () => {
    expect(dataError(() => parseCsv(IRIS, { fileName: 'f', labelColumn: 'kind' })).problem).toBe(
      'label column "kind" does not exist: the columns are "sepal_length", "sepal_width", "petal_length", "petal_width", "species"'
    )
    expect(dataError(() => parseCsv('1,2\n', { fileName: 'f', labelColumn: 'y' })).problem).toBe(
      'label column "y" does not exist: the file has no header row'
    )
    expect(dataError(() => parseCsv('1,2\n', { fileName: 'f', labelColumn: 2 })).problem).toBe(
      'label column 2 does not exist: columns are numbered 0..1'
    )
  })

  it('one class only, or a binary task with three', () => {
    expect(dataError(() => parseCsv('1,a\n2,a\n', { fileName: 'f' })).problem).toBe(
      'multiclass classification needs at least 2 distinct labels, the label column holds 1'
    )
    expect(
      dataError(() => parseCsv('1,0\n2,1\n3,2\n', { fileName: 'f', task: 'binary' })).problem
    ).toBe('binary classification needs exactly 2 distinct labels, the label column holds 3')
  })

  it('a single column, an unclosed quote and text after a closing quote', () => {
    expect(dataError(() => parseCsv('1\n2\n', { fileName: 'f' })).problem).toMatch(
      /^one column only/
    )
    expect(dataError(() => parseCsv('a,b\n1,"x\n2,y\n', { fileName: 'f' })).message).toBe(
      'f, line 2: a quoted cell is never closed'
    )
    expect(dataError(() => parseCsv('a,b\n1,"x"y\n', { fileName: 'f' })).message).toBe(
      'f, line 2, column 2: unexpected "y" after a closing quote'
    )
  })

  it('counts lines inside quoted cells', () => {
    const e = dataError(() => parseCsv('a,b\n1,"two\nlines"\nzz,c\n', { fileName: 'f' }))
    expect(e.message).toBe(`f, line 4, column "a": 'zz' is not a number`)
  })
})

describe('parseCsv fuzz', () => {
  const number = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 })
  const grid = fc
    .record({ width: fc.integer({ min: 2, max: 6 }), height: fc.integer({ min: 1, max: 8 }) })
    .chain(({ width, height }) =>
      fc.record({
        values: fc.array(fc.array(number, { minLength: width, maxLength: width }), {
          minLength: height,
          maxLength: height
        }),
        header: fc.boolean(),
        crlf: fc.boolean()
      })
    )

  /** The last column is the target; a header, when present, names the columns f0, f1, … */
  const render = (cells: string[][], header: boolean, crlf: boolean): string => {
    const lines = cells.map((row) => row.join(','))
    if (header) lines.unshift(cells[0].map((_, c) => `f${c}`).join(','))
    return lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '')
  }

  it('random grids of numbers round-trip as float32', () => {
    fc.assert(
      fc.property(grid, ({ values, header, crlf }) => {
        const text = render(
          values.map((row) => row.map(String)),
          header,
          crlf
        )
        const d = parseCsv(text, { fileName: 'g.csv', task: 'regression' })
        // JavaScript's number ↔ string conversion is exact (only −0 prints as "0").
        const expected = values.map((row) => row.map((v) => Math.fround(Number(String(v)))))
        expect(features(d)).toEqual(expected.map((row) => row.slice(0, -1)))
        expect(targets(d)).toEqual(expected.map((row) => row[row.length - 1]))
      }),
      { numRuns: 150 }
    )
  })

  const garbage = fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((s) => !/[,"\r\n]/.test(s) && !/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s))

  it('a garbage cell anywhere among the features is a DataError at its line and column', () => {
    fc.assert(
      fc.property(grid, garbage, fc.nat(), fc.nat(), ({ values, crlf }, junk, r0, c0) => {
        const r = r0 % values.length
        const c = c0 % (values[0].length - 1)
        const cells = values.map((row) => row.map(String))
        cells[r][c] = junk
        const e = dataError(() => parseCsv(render(cells, true, crlf), { fileName: 'g.csv' }))
        expect([e.file, e.line, e.column, e.columnName]).toEqual(['g.csv', r + 2, c + 1, `f${c}`])
      }),
      { numRuns: 200 }
    )
  })
})
