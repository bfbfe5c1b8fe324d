import './styles/theme.css'
import './styles/base.css'
import './styles/library.css'
import './styles/panel.css'
import { api } from './api'
import { createDescentApp } from './app'
import { catchGlobalErrors, unexpectedNotice } from './errors'
import { useNotificationsStore } from './stores/notifications'

const { app, pinia } = createDescentApp(api)
const notifications = useNotificationsStore(pinia)
catchGlobalErrors(window, (err, where) => notifications.add(unexpectedNotice(err, where)))
app.mount('#app')
