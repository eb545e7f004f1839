// Face detection off the main thread: the page posts downscaled RGBA frames, this answers with
// boxes and landmarks. The worker's bundle holds face-api and tfjs; it loads on first use.
import { detectFaces, initEngine } from './engine.ts'
import type { FromWorker, ToWorker } from './protocol.ts'

const reply = (message: FromWorker) => postMessage(message)
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

let ready: Promise<unknown> | null = null

addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'init') {
    ready ??= initEngine(message.modelUrl, message.backend).then(
      (info) => reply({ type: 'ready', info }),
      (error: unknown) => reply({ type: 'failed', message: describe(error) }),
    )
    return
  }
  const { id, image, options } = message
  const started = performance.now()
  detectFaces(image, options).then(
    (faces) => reply({ type: 'result', id, faces, ms: performance.now() - started }),
    (error: unknown) => reply({ type: 'error', id, message: describe(error) }),
  )
})
