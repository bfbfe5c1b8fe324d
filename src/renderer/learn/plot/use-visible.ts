import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/** Whether the element is (partly) on screen: animations pause while it is scrolled away. */
export function useVisible(element: Ref<Element | null>): Ref<boolean> {
  const visible = ref(true)
  let observer: IntersectionObserver | null = null
  onMounted(() => {
    if (!element.value || typeof IntersectionObserver === 'undefined') return
    observer = new IntersectionObserver(([entry]) => (visible.value = entry.isIntersecting))
    observer.observe(element.value)
  })
  onBeforeUnmount(() => observer?.disconnect())
  return visible
}
