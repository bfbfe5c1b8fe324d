/** Short descriptions of a data set for cards and fact lists. */
import type { DatasetInfo } from '../../contract/datasets'
import { groupDigits } from '../format'

export function taskLabel(info: Pick<DatasetInfo, 'task' | 'numClasses'>): string {
  if (info.task === 'regression') return 'regression'
  if (info.task === 'binary') return 'binary classification'
  return `${info.numClasses}-class classification`
}

/** "28×28 images" for image sets, "2 features" otherwise. */
export function shapeLabel(info: Pick<DatasetInfo, 'featureShape' | 'imageShape'>): string {
  if (info.imageShape) return `${info.imageShape[0]}×${info.imageShape[1]} images`
  const features = info.featureShape.reduce((a, b) => a * b, 1)
  return features === 1 ? '1 feature' : `${groupDigits(features)} features`
}

/** "60,000 train · 10,000 test" (or "… · no test split"). */
export function sizesLabel(info: Pick<DatasetInfo, 'count' | 'testCount'>): string {
  const test = info.testCount === null ? 'no test split' : `${groupDigits(info.testCount)} test`
  return `${groupDigits(info.count)} train · ${test}`
}
