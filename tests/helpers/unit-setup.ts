// Every unit test starts in a clean tab. The stores of an earlier test may still hold a write to
// sessionStorage on a timer (the session log waits 250 ms), which on a busy machine lands inside
// the next test: "pagehide" makes them write now, then the tab's storage is wiped.
import { beforeEach } from 'vitest'

beforeEach(() => {
  window.dispatchEvent(new Event('pagehide'))
  sessionStorage.clear()
})
