import type { RunStatus } from '../../contract/runs'

/** How a status badge reads: live work, a good end, a bad one, or neutral. */
export function statusTone(status: RunStatus): 'live' | 'good' | 'bad' | 'neutral' {
  if (status === 'running' || status === 'queued') return 'live'
  if (status === 'completed') return 'good'
  if (status === 'failed' || status === 'interrupted') return 'bad'
  return 'neutral'
}
