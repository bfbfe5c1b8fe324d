// Lets a bench script import the engine's TypeScript sources directly: transpile only, with the
// extensionless relative imports the sources use. Import this module before any engine file.
import { register } from 'node:module'

// A minimal TypeScript loader for the engine sources: transpile only, extensionless imports.
const LOADER = `
let ts
export async function initialize({ typescriptUrl }) { ts = (await import(typescriptUrl)).default }
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('.') && context.parentURL?.endsWith('.ts') && !/\\.[cm]?[jt]s$/.test(specifier)) {
    return next(specifier + '.ts', context)
  }
  return next(specifier, context)
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context)
  const { readFile } = await import('node:fs/promises')
  const source = await readFile(new URL(url), 'utf8')
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: url })
  return { format: 'module', source: outputText, shortCircuit: true }
}
`
register(`data:text/javascript,${encodeURIComponent(LOADER)}`, {
  parentURL: import.meta.url,
  data: { typescriptUrl: import.meta.resolve('typescript') }
})
