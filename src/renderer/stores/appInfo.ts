import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfoOutput } from '../../contract/app'
import { useApi } from '../api/inject'

/** Who answers the API and where its data lives, from 'app.info'. */
export const useAppInfoStore = defineStore('appInfo', () => {
  const api = useApi()
  const info = ref<AppInfoOutput | null>(null)
  const status = ref<'idle' | 'loading' | 'loaded' | 'failed'>('idle')

  async function load(): Promise<void> {
    status.value = 'loading'
    try {
      info.value = await api.call('app.info', {})
      status.value = 'loaded'
    } catch {
      // The api wrapper has already put the error in front of the user.
      status.value = 'failed'
    }
  }

  return { info, status, load }
})
