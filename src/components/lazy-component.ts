import { defineAsyncComponent, type Component } from 'vue'

/** Tries after a failed load: 0.5 s, 1 s, 2 s, then gives up until the next time it is shown. */
export const LAZY_RETRIES = 3

/**
 * A component loaded when first shown (after sign-in: the expiry and kiosk dialogs, the offline
 * queue), retried on a flaky network instead of failing at the first dropped request.
 */
export function lazyComponent(loader: () => Promise<{ default: Component }>) {
  return defineAsyncComponent({
    loader,
    onError(_error, retry, fail, attempts) {
      if (attempts > LAZY_RETRIES) fail()
      else setTimeout(retry, 500 * 2 ** (attempts - 1))
    },
  })
}
