// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, test } from 'vitest'
import { runStatuses, type RunStatus } from '../../../src/contract/runs'
import StatusBadge from '../../../src/renderer/runs/StatusBadge.vue'

/** How each status should read: work under way, a good end, a bad one, or neither. */
const tones: Record<RunStatus, string> = {
  queued: 'live',
  running: 'live',
  paused: 'neutral',
  completed: 'good',
  stopped: 'neutral',
  failed: 'bad',
  interrupted: 'bad'
}

describe('a run status badge', () => {
  test.each(runStatuses)('%s', (status) => {
    const badge = mount(StatusBadge, { props: { status }, attrs: { 'data-testid': 'badge' } })
    expect(badge.text()).toBe(status)
    expect(badge.attributes('data-tone')).toBe(tones[status])
    expect(badge.attributes('data-testid')).toBe('badge')
    badge.unmount()
  })
})
