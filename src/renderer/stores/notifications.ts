import { defineStore } from 'pinia'
import { ref } from 'vue'
import { toApiError } from '../../contract/errors'

export interface Notice {
  id: number
  code: string
  message: string
  details?: unknown
  /** What was going on: the API call's name, or where an unexpected error surfaced. */
  context?: string
}

/** Messages shown until the user dismisses them: failed API calls and unexpected errors. */
export const useNotificationsStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function add(notice: Omit<Notice, 'id'>): number {
    const id = nextId++
    notices.value.push({ id, ...notice })
    return id
  }

  /** Any thrown or rejected value, as the API's error shape (unforeseen ones become INTERNAL). */
  function addError(err: unknown, context?: string): number {
    const { code, message, details } = toApiError(err)
    return add(
      details === undefined ? { code, message, context } : { code, message, details, context }
    )
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  function dismissAll(): void {
    notices.value = []
  }

  return { notices, add, addError, dismiss, dismissAll }
})
