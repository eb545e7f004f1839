// A simulator in a process of its own, for tests that measure what it keeps in memory. Start it
// with startSimProcess(): it runs under `node --expose-gc --import tsx`, so a full collection
// before each measurement leaves only what the simulator still holds.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createSimulator, type SimOptions } from '../../sim/index.ts'

export interface SimMemory {
  heapUsed: number
  external: number
  rss: number
  /** Entries in sim.requests and their size as JSON (characters). */
  recorded: number
  recordedChars: number
}

export interface SimProcess {
  url: string
  /** After two full collections. */
  memory(): Promise<SimMemory>
  close(): Promise<void>
}

type Message = { url: string } | { memory: SimMemory }

export async function startSimProcess(options: SimOptions = {}): Promise<SimProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(options)], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = () =>
    new Promise<Message>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`simulator process exited: ${code}`))
      child.once('exit', onExit)
      child.once('message', (message) => {
        child.off('exit', onExit)
        resolve(message as Message)
      })
    })
  const started = await next()
  if (!('url' in started)) throw new Error('the simulator process did not start')
  return {
    url: started.url,
    async memory() {
      const answer = next()
      child.send('memory')
      const message = await answer
      if (!('memory' in message)) throw new Error('no memory figures')
      return message.memory
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.send('close')
      }),
  }
}

async function runChild(options: SimOptions): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc || !process.send) throw new Error('run by startSimProcess (IPC and --expose-gc)')
  const send = (message: Message) => process.send!(message)
  const sim = createSimulator(options)
  const server = await sim.listen({ port: 0 })
  process.on('message', (message) => {
    if (message === 'close') void sim.close().then(() => process.exit(0))
    if (message !== 'memory') return
    gc()
    gc()
    const { heapUsed, external, rss } = process.memoryUsage()
    const recordedChars = JSON.stringify(sim.requests).length
    send({ memory: { heapUsed, external, rss, recorded: sim.requests.length, recordedChars } })
  })
  send({ url: server.url })
}

if (process.argv[2] === '--child') await runChild(JSON.parse(process.argv[3] ?? '{}') as SimOptions)
