const storageKey = 'descent.token'

/**
 * The web host's session token: from the page URL's `?token=…` when present (and remembered for
 * this tab), else the one remembered earlier, so reloads keep working. Null when there is none.
 */
export function sessionToken(location: Pick<Location, 'search'>, storage: Storage): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token')
  if (fromUrl) {
    storage.setItem(storageKey, fromUrl)
    return fromUrl
  }
  return storage.getItem(storageKey)
}
