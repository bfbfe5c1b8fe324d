import type { DescentBridge } from '../../contract/bridge'
import { chooseBridge } from './choose'

/**
 * The api client for this page: `await api.call('app.info', {})` is typed from the contract's
 * table (input checked, output inferred). In a browser it connects on its first call.
 */
export const api: DescentBridge = chooseBridge(window)
