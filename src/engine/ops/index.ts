export { matmul } from './matmul'
export { add, sub, mul, div } from './arithmetic'
export { neg, scale, exp, log, sqrt, pow, abs, square } from './math'
export { sum, mean } from './reduce'
export {
  activation,
  biasActivation,
  elu,
  gelu,
  leakyRelu,
  linear,
  relu,
  sigmoid,
  softmax,
  softplus,
  tanh,
  type ActivationName
} from './activations'
export { dropout } from './dropout'
export { unary } from './unary'
