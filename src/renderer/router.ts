import { createRouter, type Router, type RouterHistory } from 'vue-router'
import BuildView from './views/BuildView.vue'
import CompareView from './views/CompareView.vue'
import DataView from './views/DataView.vue'
import LearnView from './views/LearnView.vue'
import ModelsView from './views/ModelsView.vue'
import RunsView from './views/RunsView.vue'
import TrainView from './views/TrainView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
  }
}

/** The workbench's views, in the order the navigation lists them. */
export const sections = [
  { name: 'build', title: 'Build', component: BuildView },
  { name: 'train', title: 'Train', component: TrainView },
  { name: 'compare', title: 'Compare', component: CompareView },
  { name: 'runs', title: 'Runs', component: RunsView },
  { name: 'models', title: 'Models', component: ModelsView },
  { name: 'data', title: 'Data', component: DataView },
  { name: 'learn', title: 'Learn', component: LearnView }
] as const

/** Give it hash history in the app: the page URL (and the web host's ?token=) stays put. */
export function createDescentRouter(history: RouterHistory): Router {
  const router = createRouter({
    history,
    routes: [
      { path: '/', redirect: '/build' },
      ...sections.map(({ name, title, component }) => ({
        path: `/${name}`,
        name,
        component,
        meta: { title }
      })),
      { path: '/:unknown(.*)*', redirect: '/build' }
    ]
  })
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Descent` : 'Descent'
  })
  return router
}
