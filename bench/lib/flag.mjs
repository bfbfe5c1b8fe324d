// `--name value` from a diagnostic script's command line, or the fallback.
export function flag(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : fallback
}
