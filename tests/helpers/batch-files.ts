// Batch import test kit: generated photo folders with a known expected outcome per file, the
// built app served with its security headers and a fresh simulator, and the upload throughput
// figure the benchmark suite reports (photos per second into the local simulator).
import { DEMO_OPERATOR, createSimulator, type SimOptions, type Simulator } from '../../sim/index.ts'
import { colourAt, decodeJpeg, makeJpeg, makePng, type Rgb } from './images.ts'
import type { StartAppOptions } from './app-server.ts'

/** What `page.setInputFiles` takes. */
export interface BatchFile {
  name: string
  mimeType: string
  buffer: Buffer
}

/** The row status the screen shows at the end (data-status) and the report's result. */
export type ExpectedStatus =
  'saved' | 'duplicate' | 'has-photo' | 'bad-file' | 'unknown-user' | 'no-id'

export interface ExpectedRow {
  file: string
  userId: string
  status: ExpectedStatus
  result: 'saved' | 'skipped'
}

export interface BatchFixture {
  files: BatchFile[]
  expected: ExpectedRow[]
  /** Users who must end with the photo of their file (colourFor(id)). */
  saved: string[]
  /** Users who had a photo before and must keep it. */
  withPhoto: string[]
  /** Known users who must end with no photo (duplicates, bad files). */
  untouched: string[]
  /** Every known user ID the files name. */
  known: string[]
}

export interface FixtureOptions {
  /** Known users with one good file each (some of them get a second file: `duplicates`). */
  good?: number
  duplicates?: number
  withPhoto?: number
  corrupt?: number
  unknown?: number
  noId?: number
  /** First user ID used (ids 1-8 of the simulator are operators and special users). */
  firstId?: number
  /** Side of the generated pictures, px. */
  side?: number
}

/** 278 + 3 + 10 + 2 + 5 + 2 = 300 files, the issue's "Done when" mix. */
export const ISSUE_MIX: Required<FixtureOptions> = {
  good: 278,
  duplicates: 3,
  withPhoto: 10,
  corrupt: 2,
  unknown: 5,
  noId: 2,
  firstId: 11,
  side: 200,
}

/** A colour per user, far enough apart that a photo sent to the wrong user shows. */
export function colourFor(id: string): Rgb {
  const n = Number(id)
  const hue = (n * 137.508) % 360
  const light = n % 2 ? 0.42 : 0.6
  return hsl(hue, 0.7, light)
}

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l)
  const f = (k: number) => {
    const x = (k + h / 30) % 12
    return Math.round(255 * (l - a * Math.max(-1, Math.min(x - 3, 9 - x, 1))))
  }
  return [f(0), f(8), f(4)]
}

const JPEG = 'image/jpeg'
const PNG = 'image/png'

/** A picture of `id`'s colour with a darker band, so the crop's centre is not all there is. */
function picture(id: string, side: number, type: 'jpeg' | 'png'): Buffer {
  const [r, g, b] = colourFor(id)
  const paint = (_x: number, y: number): Rgb =>
    y < side / 8 ? [r >> 1, g >> 1, b >> 1] : [r, g, b]
  return Buffer.from(type === 'png' ? makePng(side, side, paint) : makeJpeg(side, side, paint, 85))
}

/** The three naming styles the issue lists, in turn. */
function goodName(id: string, i: number): { name: string; type: 'jpeg' | 'png' } {
  if (i % 3 === 0) return { name: `${id}.jpg`, type: 'jpeg' }
  if (i % 3 === 1) return { name: `${id}_anything.jpg`, type: 'jpeg' }
  return { name: `${id} - Jane Doe.png`, type: 'png' }
}

/**
 * A folder of generated photos: `good` users with one file each (the first `duplicates` of them
 * get a second file), users who already have a photo, corrupt files (one cut short, one text),
 * unknown IDs and names without an ID. Small pictures keep a 300-file run quick.
 */
export function makeBatchFixture(options: FixtureOptions = {}): BatchFixture {
  const o = { ...ISSUE_MIX, ...options }
  const files: BatchFile[] = []
  const expected: ExpectedRow[] = []
  const add = (file: BatchFile, row: Omit<ExpectedRow, 'file'>) => {
    files.push(file)
    expected.push({ file: file.name, ...row })
  }
  let next = o.firstId
  const take = () => String(next++)
  const saved: string[] = []
  const untouched: string[] = []
  const withPhoto: string[] = []
  const known: string[] = []

  const goodIds = Array.from({ length: o.good }, take)
  goodIds.forEach((id, i) => {
    const { name, type } = goodName(id, i)
    const duplicate = i < o.duplicates
    add(
      { name, mimeType: type === 'png' ? PNG : JPEG, buffer: picture(id, o.side, type) },
      {
        userId: id,
        status: duplicate ? 'duplicate' : 'saved',
        result: duplicate ? 'skipped' : 'saved',
      },
    )
    if (duplicate) {
      add(
        { name: `${id}_retake.jpg`, mimeType: JPEG, buffer: picture(id, o.side, 'jpeg') },
        { userId: id, status: 'duplicate', result: 'skipped' },
      )
      untouched.push(id)
    } else saved.push(id)
    known.push(id)
  })
  for (let i = 0; i < o.withPhoto; i++) {
    const id = take()
    add(
      { name: `${id}.jpg`, mimeType: JPEG, buffer: picture(id, o.side, 'jpeg') },
      { userId: id, status: 'has-photo', result: 'skipped' },
    )
    withPhoto.push(id)
    known.push(id)
  }
  for (let i = 0; i < o.corrupt; i++) {
    const id = take()
    const whole = picture(id, o.side, 'jpeg')
    // One JPEG cut in half (refused when decoded), one text file with a photo's name (at intake).
    const buffer =
      i % 2 === 0 ? whole.subarray(0, Math.floor(whole.length / 2)) : Buffer.from('not a photo\n')
    add(
      { name: `${id}.jpg`, mimeType: JPEG, buffer },
      { userId: id, status: 'bad-file', result: 'skipped' },
    )
    untouched.push(id)
    known.push(id)
  }
  for (let i = 0; i < o.unknown; i++) {
    const id = String(90_001 + i)
    add(
      { name: `${id} - Nobody.jpg`, mimeType: JPEG, buffer: picture(id, o.side, 'jpeg') },
      { userId: id, status: 'unknown-user', result: 'skipped' },
    )
  }
  const noIdNames = ['IMG_0001.jpg', 'notes.txt', 'Jane Doe 12.jpg']
  for (let i = 0; i < o.noId; i++) {
    const name = noIdNames[i % noIdNames.length]!
    add(
      { name, mimeType: JPEG, buffer: picture('5', o.side, 'jpeg') },
      { userId: '', status: 'no-id', result: 'skipped' },
    )
  }
  return { files, expected, saved, withPhoto, untouched, known }
}

/** A small grey JPEG standing for the photo some users already have. */
export const EXISTING_PHOTO = Buffer.from(makeJpeg(64, 64, () => [128, 128, 128], 80)).toString(
  'base64',
)

/** Puts the simulator in the fixture's starting state: only `withPhoto` users have a photo. */
export function seedSimulator(sim: Simulator, fixture: BatchFixture): void {
  for (const id of fixture.known) sim.setPhoto(id, null)
  for (const id of fixture.withPhoto) sim.setPhoto(id, EXISTING_PHOTO)
}

/** The colour at the centre of a stored photo, and its size. */
export function storedPhoto(
  sim: Simulator,
  id: string,
): { bytes: number; centre: Rgb; width: number } | null {
  const base64 = sim.getUser(id)?.photo
  if (!base64) return null
  const bytes = Buffer.from(base64, 'base64')
  const image = decodeJpeg(bytes)
  return {
    bytes: bytes.length,
    width: image.width,
    centre: colourAt(image, image.width / 2, (image.height * 2) / 3),
  }
}

/** Whether two colours are within `tolerance` in every channel. */
export function near(a: Rgb, b: Rgb, tolerance = 24): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance)
}

/** Checks the simulator against the fixture; returns the problems found (empty: all good). */
export function simulatorProblems(sim: Simulator, fixture: BatchFixture): string[] {
  const problems: string[] = []
  for (const id of fixture.saved) {
    const photo = storedPhoto(sim, id)
    if (!photo) problems.push(`${id}: no photo`)
    else {
      if (!near(photo.centre, colourFor(id))) problems.push(`${id}: wrong photo ${photo.centre}`)
      if (photo.bytes > 16_000) problems.push(`${id}: ${photo.bytes} bytes`)
    }
  }
  for (const id of fixture.withPhoto)
    if (sim.getUser(id)?.photo !== EXISTING_PHOTO) problems.push(`${id}: existing photo replaced`)
  for (const id of fixture.untouched)
    if (sim.getUser(id)?.photo) problems.push(`${id}: got a photo it should not have`)
  return problems
}

/**
 * How the batch tests serve the app: the production build from a private copy (another run's
 * rebuild cannot pull it away mid-test), with the Content-Security-Policy of production (the
 * prepare Worker must load under it) and a fresh simulator.
 */
export function batchApp(sim: SimOptions = {}): StartAppOptions {
  return { copy: true, securityHeaders: true, sim: { seed: 6, ...sim } }
}

/** A BioStar on the LAN answers in tens of ms: the simulated latency of throughput measures. */
export const LAN_LATENCY_MS: [number, number] = [20, 40]

export interface ThroughputOptions {
  /** Photos to send (one per user). */
  photos?: number
  /** PUTs in flight at once (the batch default is 4). */
  concurrency?: number
  /** Simulated server latency per request, ms (a LAN BioStar answers in tens of ms). */
  latencyMs?: [number, number]
  /** Side of the JPEGs sent, px (400 is what the desk makes). */
  side?: number
}

export interface Throughput {
  photos: number
  concurrency: number
  ms: number
  photosPerSecond: number
}

/**
 * Photos per second into a local simulator through the app's own API client and the batch
 * scheduler (the upload stage alone: preparation runs in the browser). Call it with
 * `concurrency: 4` and `concurrency: 1` to compare with sending one at a time. Node only.
 */
export async function measureUploadThroughput(
  options: ThroughputOptions = {},
): Promise<Throughput> {
  const { photos = 200, concurrency = 4, latencyMs = LAN_LATENCY_MS, side = 400 } = options
  const [{ clientConfig, setSessionId }, { login }, { updatePhoto }, { Scheduler }] =
    await Promise.all([
      import('@/api/client.ts'),
      import('@/api/auth.ts'),
      import('@/api/users.ts'),
      import('@/batch/scheduler.ts'),
    ])
  const sim = createSimulator({ userCount: photos + 10, seed: 3, faults: { latencyMs } })
  const running = await sim.listen({ port: 0 })
  const previousBase = clientConfig.baseURL
  clientConfig.baseURL = `${running.url}/api`
  try {
    const { sessionId } = await login(DEMO_OPERATOR.loginId, DEMO_OPERATOR.password)
    setSessionId(sessionId)
    const queue = Array.from({ length: photos }, (_, i) => {
      const id = String(i + 9)
      const base64 = Buffer.from(makeJpeg(side, side, () => colourFor(id), 80)).toString('base64')
      return { id, base64 }
    })
    const started = performance.now()
    await new Promise<void>((resolve, reject) => {
      const scheduler = new Scheduler<{ id: string; base64: string }>({
        concurrency,
        next: () => queue.shift(),
        run: (task) => updatePhoto(task.id, task.base64),
        onError: (_task, error) => reject(error),
        onDrained: () => resolve(),
      })
      scheduler.start()
    })
    const ms = performance.now() - started
    return { photos, concurrency, ms, photosPerSecond: (photos * 1000) / ms }
  } finally {
    setSessionId(null)
    clientConfig.baseURL = previousBase
    await sim.close()
  }
}
