/**
 * Entry of the training worker thread (built as out/main/train-worker.js): trains the one run
 * named in workerData and posts its progress to the Runner.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { WorkerData, WorkerMessage } from './messages'
import { runTrainingJob } from './training-job'

const port = parentPort
if (!port) throw new Error('train-worker.js runs as a worker thread of a Runner')
void runTrainingJob(workerData as WorkerData, (message: WorkerMessage) => port.postMessage(message))
