import { describe, expect, test } from 'vitest'
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatMetric,
  formatPercent
} from '../../../src/renderer/runs/format'

describe('formatting for the library views', () => {
  test('metrics to four significant digits, absent ones as a dash', () => {
    expect(formatMetric(0.234567)).toBe('0.2346')
    expect(formatMetric(2.131)).toBe('2.131')
    expect(formatMetric(null)).toBe('—')
    expect(formatMetric(undefined)).toBe('—')
  })

  test('fractions as percentages with one decimal', () => {
    expect(formatPercent(0.9774)).toBe('97.7%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(null)).toBe('—')
    expect(formatPercent(NaN)).toBe('—')
  })

  test('durations in seconds, minutes or hours', () => {
    expect(formatDuration(8.44)).toBe('8.4 s')
    expect(formatDuration(185)).toBe('3 min 05 s')
    expect(formatDuration(2 * 3600 + 7 * 60 + 10)).toBe('2 h 07 min')
    expect(formatDuration(null)).toBe('—')
  })

  test('moments in local time, to the minute', () => {
    const ms = new Date(2025, 10, 29, 9, 5, 59).getTime()
    expect(formatDateTime(ms)).toBe('2025-11-29 09:05')
    expect(formatDateTime(null)).toBe('—')
  })

  test('file sizes', () => {
    expect(formatBytes(100)).toBe('100 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(47_040_016)).toBe('44.9 MB')
  })
})
