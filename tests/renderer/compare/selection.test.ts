import { describe, expect, it } from 'vitest'
import { readSelection, selectionQuery, toggled } from '../../../src/renderer/compare/selection'

describe('the selection in the URL', () => {
  it('reads ?runs= in order, once each, ignoring what is not a run id', () => {
    expect(readSelection({ runs: '3,1,x,3,0,-2, 7' })).toEqual({ kind: 'runs', runIds: [3, 1, 7] })
    expect(readSelection({})).toEqual({ kind: 'runs', runIds: [] })
  })

  it('reads ?experiment=, which wins over ?runs=', () => {
    expect(readSelection({ experiment: '5', runs: '1,2' })).toEqual({ kind: 'experiment', id: 5 })
    expect(readSelection({ experiment: 'five' })).toEqual({ kind: 'runs', runIds: [] })
  })

  it('writes one or the other, keeping the other parameters', () => {
    const query = { from: 'build', runs: '1' }
    expect(selectionQuery(query, { kind: 'experiment', id: 9 })).toEqual({
      from: 'build',
      experiment: '9'
    })
    expect(selectionQuery({ experiment: '9' }, { kind: 'runs', runIds: [4, 2] })).toEqual({
      runs: '4,2'
    })
    expect(selectionQuery(query, { kind: 'runs', runIds: [] })).toEqual({ from: 'build' })
  })

  it('round-trips', () => {
    const selection = { kind: 'runs' as const, runIds: [8, 3, 11] }
    expect(readSelection(selectionQuery({}, selection) as Record<string, string>)).toEqual(
      selection
    )
  })

  it('adds a ticked run at the end and drops an unticked one', () => {
    expect(toggled([1, 2], 3, true)).toEqual([1, 2, 3])
    expect(toggled([1, 2, 3], 2, false)).toEqual([1, 3])
    expect(toggled([1, 2], 2, true)).toEqual([1, 2])
  })
})
