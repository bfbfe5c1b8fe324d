import { describe, expect, test } from 'vitest'
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatEta,
  formatLogValue,
  formatMetric,
  formatNumber,
  formatPercent,
  formatScore,
  groupDigits,
  metricLabel
} from '../../src/renderer/format'

describe('formatting for every view', () => {
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

  test('a metric by its key: shares in percent, the rest to four digits', () => {
    expect(formatScore('val_accuracy', 0.9774)).toBe('97.7%')
    expect(formatScore('binary_accuracy', 0.5)).toBe('50.0%')
    expect(formatScore('loss', 0.234567)).toBe('0.2346')
    expect(formatScore('mae', null)).toBe('—')
  })

  test('durations in seconds, minutes or hours', () => {
    expect(formatDuration(8.44)).toBe('8.4 s')
    expect(formatDuration(185)).toBe('3 min 05 s')
    expect(formatDuration(2 * 3600 + 7 * 60 + 10)).toBe('2 h 07 min')
    expect(formatDuration(null)).toBe('—')
  })

  test('time left, no finer than an estimate is', () => {
    expect(formatEta(0.4)).toBe('<1 s')
    expect(formatEta(42.4)).toBe('42 s')
    expect(formatEta(75)).toBe('1 min 15 s')
    expect(formatEta(3725)).toBe('1 h 2 min')
    expect(formatEta(NaN)).toBe('—')
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

  test('the live dashboard’s values, each for its kind', () => {
    expect(formatLogValue('val_accuracy', 0.9774)).toBe('97.74%')
    expect(formatLogValue('loss', 0.123456)).toBe('0.1235')
    expect(formatLogValue('learning_rate', 0.001)).toBe('0.00100')
    expect(formatLogValue('samples_per_second', 12345.6)).toBe('12,346')
    expect(formatLogValue('loss', null)).toBe('—')
    expect(formatLogValue('loss', Infinity)).toBe('Infinity')
    expect(metricLabel('val_loss')).toBe('val loss')
  })

  test('numbers read short, with a real minus sign', () => {
    expect(formatNumber(-1.23456)).toBe('−1.23')
    expect(formatNumber(1e-5)).toBe('1.00e−5')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(Infinity)).toBe('∞')
  })

  test('whole numbers with thousands separators in every locale', () => {
    expect(groupDigits(468_874)).toBe('468,874')
    expect(groupDigits(999)).toBe('999')
    expect(groupDigits(-1_234_567)).toBe('-1,234,567')
    expect(groupDigits(1234.5678)).toBe('1234.5678')
  })
})
