import { createPinia, type Pinia } from 'pinia'
import { createApp, type App as VueApp } from 'vue'
import { createWebHashHistory, type Router, type RouterHistory } from 'vue-router'
import type { DescentBridge } from '../contract/bridge'
import App from './App.vue'
import { apiKey } from './api/inject'
import { reportingErrors } from './api/reporting'
import { unexpectedNotice } from './errors'
import { createDescentRouter } from './router'
import { useNotificationsStore } from './stores/notifications'
import { useThemeStore } from './stores/theme'

export interface DescentApp {
  app: VueApp
  router: Router
  pinia: Pinia
}

/**
 * The workbench on top of any bridge (Electron's, the WebSocket client, or a test's fake): every
 * failed call and every error Vue catches becomes a notification.
 */
export function createDescentApp(
  bridge: DescentBridge,
  history: RouterHistory = createWebHashHistory()
): DescentApp {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const notifications = useNotificationsStore(pinia)
  app.provide(
    apiKey,
    reportingErrors(bridge, (error, call) => notifications.addError(error, call))
  )
  app.config.errorHandler = (err, _instance, info) => {
    notifications.add(unexpectedNotice(err, info))
    // Vue stays quiet once a handler is set; keep the bug visible to developers and e2e tests.
    console.error(err)
  }
  useThemeStore(pinia)
  const router = createDescentRouter(history)
  app.use(router)
  // The desktop menu's Go entries (Ctrl/Cmd+1…7) arrive as events.
  bridge.on('app.navigate', ({ view }) => void router.push(`/${view}`))
  return { app, router, pinia }
}
