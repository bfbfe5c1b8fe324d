import type { Task } from '../../engine/data/dataset'

const tasks: Record<Task, string> = {
  multiclass: 'multi-class classification',
  binary: 'binary classification',
  regression: 'regression'
}

/** "multi-class classification" */
export function describeTask(task: Task): string {
  return tasks[task]
}
