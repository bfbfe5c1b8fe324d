import { describe, expect, test } from 'vitest'
import { runStatuses, type RunStatus } from '../../../src/contract/runs'
import { canResume, canStop, isActiveStatus } from '../../../src/renderer/runs/run-actions'

/** What the runs service accepts per status (runs-service.ts: stop, resume). */
const stoppable: RunStatus[] = ['queued', 'running', 'paused']
const resumable: RunStatus[] = ['paused', 'stopped', 'interrupted']

describe('run actions by status', () => {
  test.each(runStatuses)('%s', (status) => {
    expect(canStop({ status, stopRequested: false })).toBe(stoppable.includes(status))
    expect(canResume({ status })).toBe(resumable.includes(status))
    expect(isActiveStatus(status)).toBe(stoppable.includes(status))
  })

  test('a run already asked to stop offers no second stop', () => {
    expect(canStop({ status: 'running', stopRequested: true })).toBe(false)
  })
})
