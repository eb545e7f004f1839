import { computed, onScopeDispose, ref, watch, type Ref } from 'vue'

export interface VirtualRowsOptions {
  /** The scrolling element. */
  container: Ref<HTMLElement | null>
  /** Height of one row in px (fixed: the grid's cells and the table's rows are). */
  rowHeight: number
  rowCount: () => number
  /** Rows drawn beyond the visible ones on each side. Default 3. */
  overscan?: number
}

/**
 * Which rows of a long list to draw: only those in view (plus a few), with the space above and
 * below as padding, so 20,000 users scroll as smoothly as 20. Also the container's width, for
 * grids that fit as many columns as it holds.
 */
export function useVirtualRows(options: VirtualRowsOptions) {
  const { container, rowHeight, rowCount, overscan = 3 } = options
  const scrollTop = ref(0)
  const height = ref(600)
  const width = ref(800)
  let frame = 0
  const onScroll = () => {
    if (frame) return
    frame = requestAnimationFrame(() => {
      frame = 0
      if (container.value) scrollTop.value = container.value.scrollTop
    })
  }
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(([entry]) => {
          if (!entry) return
          height.value = entry.contentRect.height
          width.value = entry.contentRect.width
        })
  watch(
    container,
    (el, before) => {
      before?.removeEventListener('scroll', onScroll)
      if (before) observer?.unobserve(before)
      if (!el) return
      el.addEventListener('scroll', onScroll, { passive: true })
      observer?.observe(el)
      height.value = el.clientHeight || height.value
      width.value = el.clientWidth || width.value
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    container.value?.removeEventListener('scroll', onScroll)
    observer?.disconnect()
    if (frame) cancelAnimationFrame(frame)
  })
  const first = computed(() => Math.max(0, Math.floor(scrollTop.value / rowHeight) - overscan))
  const last = computed(() =>
    Math.min(rowCount(), Math.ceil((scrollTop.value + height.value) / rowHeight) + overscan),
  )
  const padTop = computed(() => first.value * rowHeight)
  const padBottom = computed(() => Math.max(0, (rowCount() - last.value) * rowHeight))
  /** Back to the top (a new filter). */
  function reset() {
    if (container.value) container.value.scrollTop = 0
    scrollTop.value = 0
  }
  return { first, last, padTop, padBottom, width, reset }
}
