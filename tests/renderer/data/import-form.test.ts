import { describe, expect, test } from 'vitest'
import { maxRequestBytes } from '../../../src/contract/wire'
import {
  importProblems,
  labelColumnInput,
  type ImportChoices
} from '../../../src/renderer/data/import-form'

const csv = (over: Partial<ImportChoices> = {}): ImportChoices => ({
  name: 'iris',
  format: 'csv',
  files: { csv: { name: 'iris.csv', size: 4_000 } },
  labelColumn: '',
  ...over
})

describe('importProblems', () => {
  test('a named CSV file is ready to go', () => {
    expect(importProblems(csv(), ['mnist'])).toEqual({})
  })

  test('the name: present, a valid folder name, not taken (whatever the case)', () => {
    expect(importProblems(csv({ name: '  ' }), []).name).toBe('give the data set a name')
    expect(importProblems(csv({ name: '../etc' }), []).name).toMatch(/letters, digits/)
    expect(importProblems(csv({ name: 'con' }), []).name).toMatch(/reserved by Windows/)
    expect(importProblems(csv({ name: 'MNIST' }), ['mnist']).name).toBe(
      'a data set named "MNIST" already exists'
    )
  })

  test('each format asks for its own files', () => {
    expect(importProblems(csv({ files: {} }), [])).toEqual({
      csv: 'choose the training CSV file'
    })
    const idx = csv({ format: 'idx', files: { images: { name: 'a', size: 1 } } })
    expect(importProblems(idx, [])).toEqual({ labels: 'choose the training labels file' })
  })

  test('IDX test images and labels come in pairs', () => {
    const files = {
      images: { name: 'a', size: 1 },
      labels: { name: 'b', size: 1 },
      testImages: { name: 'c', size: 1 }
    }
    expect(importProblems(csv({ format: 'idx', files }), [])).toEqual({
      testLabels: 'test images and test labels go together: choose both or neither'
    })
  })

  test('files too large for one request are refused before reading them', () => {
    // base64 turns 3 bytes into 4 characters.
    const size = Math.ceil((maxRequestBytes * 3) / 4)
    const problems = importProblems(csv({ files: { csv: { name: 'big.csv', size } } }), [])
    expect(problems.size).toMatch(/too large .*gzipped/)
  })
})

test('the label column: an index for digits, a name otherwise, nothing when empty', () => {
  expect(labelColumnInput(' 3 ')).toBe(3)
  expect(labelColumnInput('species')).toBe('species')
  expect(labelColumnInput('')).toBeUndefined()
})
