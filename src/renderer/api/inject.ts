import { inject, type InjectionKey } from 'vue'
import type { DescentBridge } from '../../contract/bridge'

export const apiKey: InjectionKey<DescentBridge> = Symbol('descent-api')

/** The bridge the app was created with (its errors go to notifications), for components and stores. */
export function useApi(): DescentBridge {
  const bridge = inject(apiKey)
  if (!bridge) throw new Error('useApi() needs an app created by createDescentApp')
  return bridge
}
