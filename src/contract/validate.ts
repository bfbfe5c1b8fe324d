import { ApiError } from './errors'
import { calls, isCallName, type CallName, type ParsedInput } from './calls'

/** The host-boundary check every door runs before a handler sees an input. */
export function validateCall(name: unknown, input: unknown): { name: CallName; input: unknown } {
  if (!isCallName(name))
    throw new ApiError('UNKNOWN_CALL', `No API call named ${JSON.stringify(name)}`)
  const parsed = calls[name].input.safeParse(input ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message
    }))
    const where = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
    throw new ApiError('BAD_INPUT', `Invalid input for ${name}: ${where}`, { issues })
  }
  return { name, input: parsed.data as ParsedInput<typeof name> }
}
