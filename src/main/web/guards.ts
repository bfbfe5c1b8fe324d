import { randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh session token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The host names a page on this machine may use to reach us (defeats DNS rebinding). */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', boundHost])
  if (boundHost === '::1') names.add('[::1]')
  return new Set([...names].map((h) => `${h}:${port}`))
}

export function hostAllowed(hostHeader: string | undefined, allowed: Set<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase())
}

/** A browser always sends Origin on a WebSocket upgrade; it must be our own page. */
export function originAllowed(origin: string | undefined, allowed: Set<string>): boolean {
  if (origin === undefined) return true // not a browser (CLI tools, tests): the token still guards
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' && allowed.has(url.host.toLowerCase())
  } catch {
    return false
  }
}
