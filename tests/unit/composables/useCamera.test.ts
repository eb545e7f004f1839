// useCamera with injected browser globals: every failure, retry, release and memory path.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { CAMERA_STORAGE_KEY, useCamera, type UseCameraOptions } from '@/composables/useCamera.ts'
import { toCameraError } from '@/composables/camera-errors.ts'

// --- fakes (happy-dom's MediaStream has no tracks API: add it on the instance) -------------------

interface FakeTrack extends EventTarget {
  kind: 'video'
  readyState: 'live' | 'ended'
  stop: ReturnType<typeof vi.fn>
  getSettings: () => MediaTrackSettings
}

function fakeStream(settings: MediaTrackSettings = {}) {
  const track = Object.assign(new EventTarget(), {
    kind: 'video' as const,
    readyState: 'live' as 'live' | 'ended',
    stop: vi.fn(() => {
      track.readyState = 'ended'
    }),
    getSettings: () => ({ width: 1920, height: 1080, ...settings }),
  }) as FakeTrack
  const stream = new MediaStream()
  Object.assign(stream, { getTracks: () => [track], getVideoTracks: () => [track] })
  return { stream, track }
}

type DeviceSpec = { deviceId: string; label: string; facingMode?: string[] }

function fakeMedia(devices: DeviceSpec[] = [{ deviceId: 'cam-a', label: 'Desk webcam' }]) {
  const target = new EventTarget()
  const opened: FakeTrack[] = []
  const state = { devices, granted: false }
  const media = Object.assign(target, {
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => {
      const video = typeof c.video === 'object' ? c.video : {}
      const wanted = (video.deviceId as { exact?: string } | undefined)?.exact
      const { stream, track } = fakeStream({ deviceId: wanted ?? state.devices[0]?.deviceId })
      opened.push(track)
      state.granted = true
      return stream
    }),
    enumerateDevices: vi.fn(async () =>
      state.devices.map((d) => ({
        kind: 'videoinput',
        deviceId: state.granted ? d.deviceId : '',
        label: state.granted ? d.label : '',
        groupId: '',
        getCapabilities: () => ({ facingMode: d.facingMode ?? [] }),
      })),
    ),
  })
  return { media: media as unknown as MediaDevices & typeof media, opened, state }
}

class MemoryStorage {
  map = new Map<string, string>()
  getItem = (k: string) => this.map.get(k) ?? null
  setItem = (k: string, v: string) => void this.map.set(k, v)
  removeItem = (k: string) => void this.map.delete(k)
}

function fakeWindow(secure = true) {
  return {
    isSecureContext: secure,
    location: { host: 'desk.example:8080', pathname: '/enroll' },
  } as unknown as Window
}

function fakeDocument() {
  return Object.assign(new EventTarget(), { visibilityState: 'visible' }) as unknown as Document
}

function setVisibility(doc: Document, state: DocumentVisibilityState) {
  ;(doc as { -readonly [K in 'visibilityState']: Document[K] }).visibilityState = state
  doc.dispatchEvent(new Event('visibilitychange'))
}

function domError(name: string, extra: object = {}) {
  return Object.assign(new DOMException(`fake ${name}`, name), extra)
}

function overconstrained(constraint = 'width') {
  // Chrome throws an OverconstrainedError (not a DOMException subclass everywhere): match on name.
  return Object.assign(new Error('over'), { name: 'OverconstrainedError', constraint })
}

const scopes: ReturnType<typeof effectScope>[] = []
afterEach(() => {
  while (scopes.length) scopes.pop()!.stop()
})

function setup(options: UseCameraOptions & { media?: ReturnType<typeof fakeMedia> } = {}) {
  const fm = options.media ?? fakeMedia()
  const storage = (options.storage as MemoryStorage | undefined) ?? new MemoryStorage()
  const document = options.document ?? fakeDocument()
  const scope = effectScope()
  scopes.push(scope)
  const camera = scope.run(() =>
    useCamera({
      mediaDevices: fm.media,
      window: fakeWindow(),
      ...options,
      storage: storage as unknown as Storage,
      document,
    }),
  )!
  return { camera, fm, storage, document, scope }
}

const lastVideo = (fm: ReturnType<typeof fakeMedia>, i = -1) =>
  fm.media.getUserMedia.mock.calls.at(i)![0].video as MediaTrackConstraints | true

// --- tests -------------------------------------------------------------------------------------------

describe('error mapping', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['PermissionDeniedError', 'denied'],
    ['NotFoundError', 'not-found'],
    ['DevicesNotFoundError', 'not-found'],
    ['NotReadableError', 'busy'],
    ['TrackStartError', 'busy'],
    ['AbortError', 'busy'],
    ['OverconstrainedError', 'overconstrained'],
    ['TypeError', 'unknown'],
  ])('%s -> %s', async (name, kind) => {
    expect(toCameraError(domError(name)).kind).toBe(kind)
    const { camera, fm } = setup()
    fm.media.getUserMedia.mockRejectedValue(
      name === 'OverconstrainedError' ? overconstrained() : domError(name),
    )
    expect(await camera.start()).toBe(false)
    expect(camera.error.value?.kind).toBe(kind)
    expect(camera.active.value).toBe(false)
    expect(camera.starting.value).toBe(false)
  })

  it('keeps the name and message of an unknown failure as detail', () => {
    expect(toCameraError(new TypeError('bad constraints'))).toEqual({
      kind: 'unknown',
      detail: 'TypeError: bad constraints',
    })
  })

  it('reports an insecure context without asking for the camera, naming the https address', async () => {
    const { camera, fm } = setup({ window: fakeWindow(false) })
    expect(camera.isSecure.value).toBe(false)
    expect(camera.error.value).toEqual({
      kind: 'insecure',
      detail: 'https://desk.example:8080/enroll',
    })
    expect(await camera.start()).toBe(false)
    expect(camera.error.value?.kind).toBe('insecure')
    expect(fm.media.getUserMedia).not.toHaveBeenCalled()
  })

  it('reports a browser without mediaDevices as unsupported', async () => {
    const scope = effectScope()
    scopes.push(scope)
    const win = { isSecureContext: true, navigator: {} } as unknown as Window
    const camera = scope.run(() => useCamera({ window: win, document: fakeDocument() }))!
    expect(camera.isSupported.value).toBe(false)
    expect(await camera.start()).toBe(false)
    expect(camera.error.value?.kind).toBe('unsupported')
  })

  it('calls an OverconstrainedError with no camera at all "not found"', async () => {
    const fm = fakeMedia([])
    fm.media.getUserMedia.mockRejectedValue(overconstrained())
    const { camera } = setup({ media: fm })
    expect(await camera.start()).toBe(false)
    expect(camera.error.value?.kind).toBe('not-found')
  })
})

describe('constraints', () => {
  it('asks for 1920x1080 first', async () => {
    const { camera, fm } = setup()
    expect(await camera.start()).toBe(true)
    expect(fm.media.getUserMedia).toHaveBeenCalledTimes(1)
    expect(lastVideo(fm)).toEqual({ width: { ideal: 1920 }, height: { ideal: 1080 } })
    expect(camera.trackSize.value).toEqual({ width: 1920, height: 1080 })
  })

  it('retries lower constraints after OverconstrainedError and succeeds', async () => {
    const { camera, fm } = setup()
    fm.media.getUserMedia
      .mockRejectedValueOnce(overconstrained())
      .mockRejectedValueOnce(overconstrained())
    expect(await camera.start()).toBe(true)
    expect(camera.error.value).toBeNull()
    expect(camera.active.value).toBe(true)
    expect(fm.media.getUserMedia.mock.calls.map((c) => c[0].video)).toEqual([
      { width: { ideal: 1920 }, height: { ideal: 1080 } },
      { width: { ideal: 1280 }, height: { ideal: 720 } },
      { width: { ideal: 640 }, height: { ideal: 480 } },
    ])
  })

  it('ends with { video: true } and only then shows the error', async () => {
    const { camera, fm } = setup()
    fm.media.getUserMedia.mockRejectedValue(overconstrained('height'))
    expect(await camera.start()).toBe(false)
    expect(fm.media.getUserMedia.mock.calls.map((c) => c[0])).toEqual([
      { video: { width: { ideal: 1920 }, height: { ideal: 1080 } } },
      { video: { width: { ideal: 1280 }, height: { ideal: 720 } } },
      { video: { width: { ideal: 640 }, height: { ideal: 480 } } },
      { video: true },
    ])
    expect(camera.error.value).toEqual({ kind: 'overconstrained', detail: 'height' })
  })

  it('does not retry errors other than OverconstrainedError', async () => {
    const { camera, fm } = setup()
    fm.media.getUserMedia.mockRejectedValue(domError('NotReadableError'))
    await camera.start()
    expect(fm.media.getUserMedia).toHaveBeenCalledTimes(1)
  })

  it('honours idealWidth/idealHeight', async () => {
    const { camera, fm } = setup({ idealWidth: 1280, idealHeight: 960 })
    fm.media.getUserMedia.mockRejectedValueOnce(overconstrained())
    await camera.start()
    expect(fm.media.getUserMedia.mock.calls.map((c) => c[0].video)).toEqual([
      { width: { ideal: 1280 }, height: { ideal: 960 } },
      { width: { ideal: 640 }, height: { ideal: 480 } },
    ])
  })
})

describe('devices', () => {
  const two: DeviceSpec[] = [
    { deviceId: 'cam-a', label: 'Desk webcam' },
    { deviceId: 'cam-b', label: 'Document camera' },
  ]

  it('lists cameras only after permission, then re-lists on devicechange', async () => {
    const fm = fakeMedia(two)
    const { camera } = setup({ media: fm })
    fm.media.dispatchEvent(new Event('devicechange'))
    await vi.waitFor(() => expect(fm.media.enumerateDevices).toHaveBeenCalled())
    expect(camera.devices.value).toEqual([]) // blank labels before the grant: nothing to show

    await camera.start()
    expect(camera.devices.value.map((d) => d.label)).toEqual(['Desk webcam', 'Document camera'])

    fm.state.devices = [...two, { deviceId: 'cam-c', label: 'USB camera' }]
    fm.media.dispatchEvent(new Event('devicechange'))
    await vi.waitFor(() => expect(camera.devices.value).toHaveLength(3))
    expect(camera.devices.value[2]).toEqual({
      deviceId: 'cam-c',
      label: 'USB camera',
      facing: null,
    })
  })

  it('stops the old track before opening another camera, and remembers the choice', async () => {
    const fm = fakeMedia(two)
    const { camera, storage } = setup({ media: fm })
    await camera.start()
    const first = fm.opened[0]!
    fm.media.getUserMedia.mockImplementationOnce(async (c) => {
      // Android opens one camera at a time: the old one must already be closed here.
      expect(first.stop).toHaveBeenCalled()
      return fakeStream({ deviceId: (c.video as { deviceId: { exact: string } }).deviceId.exact })
        .stream
    })
    await camera.selectDevice('cam-b')
    expect(first.stop).toHaveBeenCalledTimes(1)
    expect(lastVideo(fm)).toMatchObject({ deviceId: { exact: 'cam-b' } })
    expect(camera.deviceId.value).toBe('cam-b')
    expect(camera.active.value).toBe(true)
    expect(storage.getItem(CAMERA_STORAGE_KEY)).toBe('cam-b')
  })

  it('uses the remembered deviceId on the next start', async () => {
    const storage = new MemoryStorage()
    storage.setItem(CAMERA_STORAGE_KEY, 'cam-b')
    const fm = fakeMedia(two)
    const { camera } = setup({ media: fm, storage: storage as unknown as Storage })
    expect(camera.deviceId.value).toBe('cam-b')
    await camera.start()
    expect(lastVideo(fm)).toEqual({
      deviceId: { exact: 'cam-b' },
      width: { ideal: 1920 },
      height: { ideal: 1080 },
    })
    expect(camera.deviceId.value).toBe('cam-b')
  })

  it('falls back to any camera when the remembered one is gone, and forgets it', async () => {
    const storage = new MemoryStorage()
    storage.setItem(CAMERA_STORAGE_KEY, 'unplugged')
    const fm = fakeMedia(two)
    fm.media.getUserMedia.mockRejectedValueOnce(overconstrained('deviceId'))
    const { camera } = setup({ media: fm, storage: storage as unknown as Storage })
    expect(await camera.start()).toBe(true)
    expect(fm.media.getUserMedia.mock.calls.map((c) => c[0])).toEqual([
      {
        video: {
          deviceId: { exact: 'unplugged' },
          width: { ideal: 1920 },
          height: { ideal: 1080 },
        },
      },
      { video: true },
    ])
    expect(camera.deviceId.value).toBe('cam-a')
    expect(storage.getItem(CAMERA_STORAGE_KEY)).toBeNull()
  })
})

describe('front and rear', () => {
  it('offers the switch only with both a front and a rear camera; prefers the deviceId', async () => {
    const fm = fakeMedia([
      { deviceId: 'front', label: 'camera2 1, facing front' },
      { deviceId: 'back', label: 'camera2 0, facing back' },
    ])
    const { camera } = setup({ media: fm })
    expect(camera.canSwitchFacing.value).toBe(false)
    await camera.start()
    expect(camera.canSwitchFacing.value).toBe(true)
    expect(camera.facing.value).toBe('user')
    expect(camera.mirrored.value).toBe(true)

    await camera.switchFacing()
    expect(lastVideo(fm)).toMatchObject({ deviceId: { exact: 'back' } })
    expect(fm.opened[0]!.stop).toHaveBeenCalled()
    expect(camera.facing.value).toBe('environment')
    expect(camera.mirrored.value).toBe(false)
  })

  it('reads facing from capabilities before the label', async () => {
    const fm = fakeMedia([
      { deviceId: 'a', label: 'Integrated', facingMode: ['user'] },
      { deviceId: 'b', label: 'Other', facingMode: ['environment'] },
    ])
    const { camera } = setup({ media: fm })
    await camera.start()
    expect(camera.devices.value.map((d) => d.facing)).toEqual(['user', 'environment'])
  })

  it('falls back to facingMode when no device is known to face that way', async () => {
    const { camera, fm } = setup()
    await camera.switchFacing()
    expect(lastVideo(fm, 0)).toMatchObject({ facingMode: { ideal: 'environment' } })
  })

  it('does not mirror a rear camera', async () => {
    const fm = fakeMedia()
    fm.media.getUserMedia.mockResolvedValueOnce(fakeStream({ facingMode: 'environment' }).stream)
    const { camera } = setup({ media: fm })
    await camera.start()
    expect(camera.facing.value).toBe('environment')
    expect(camera.mirrored.value).toBe(false)
  })
})

describe('releasing the camera', () => {
  it('stops every track when the scope is disposed', async () => {
    const { camera, fm, scope } = setup()
    await camera.start()
    scope.stop()
    expect(fm.opened[0]!.stop).toHaveBeenCalledTimes(1)
    expect(camera.stream.value).toBeNull()
    // listeners are gone too: a later devicechange lists nothing
    fm.media.enumerateDevices.mockClear()
    fm.media.dispatchEvent(new Event('devicechange'))
    await nextTick()
    expect(fm.media.enumerateDevices).not.toHaveBeenCalled()
  })

  it('stops on visibilitychange to hidden and restarts when visible again', async () => {
    const { camera, fm, document } = setup()
    await camera.start()
    setVisibility(document, 'hidden')
    expect(fm.opened[0]!.stop).toHaveBeenCalledTimes(1)
    expect(camera.active.value).toBe(false)

    setVisibility(document, 'visible')
    await vi.waitFor(() => expect(camera.active.value).toBe(true))
    expect(fm.media.getUserMedia).toHaveBeenCalledTimes(2)
  })

  it('does not start on visible when it was not running', async () => {
    const { fm, document } = setup()
    setVisibility(document, 'hidden')
    setVisibility(document, 'visible')
    await nextTick()
    expect(fm.media.getUserMedia).not.toHaveBeenCalled()
  })

  it('closes a stream that arrives after stop()', async () => {
    const fm = fakeMedia()
    let resolve!: (s: MediaStream) => void
    fm.media.getUserMedia.mockImplementationOnce(() => new Promise((r) => (resolve = r)))
    const { camera } = setup({ media: fm })
    const started = camera.start()
    expect(camera.starting.value).toBe(true)
    camera.stop()
    const late = fakeStream()
    resolve(late.stream)
    expect(await started).toBe(false)
    expect(late.track.stop).toHaveBeenCalled()
    expect(camera.active.value).toBe(false)
    expect(camera.starting.value).toBe(false)
  })

  it('shares one request between concurrent start() calls', async () => {
    const { camera, fm } = setup()
    const [a, b] = await Promise.all([camera.start(), camera.start()])
    expect([a, b]).toEqual([true, true])
    expect(fm.media.getUserMedia).toHaveBeenCalledTimes(1)
  })

  it('explains a track that ends on its own (camera unplugged or taken)', async () => {
    const { camera, fm } = setup()
    await camera.start()
    fm.opened[0]!.dispatchEvent(new Event('ended'))
    await vi.waitFor(() => expect(camera.error.value?.kind).toBe('busy'))
    expect(camera.active.value).toBe(false)
  })
})

describe('grabFrame', () => {
  function fakeVideo(width: number, height: number) {
    const video = document.createElement('video')
    Object.defineProperties(video, {
      videoWidth: { value: width },
      videoHeight: { value: height },
      readyState: { value: 4 },
    })
    return video
  }

  it('returns createImageBitmap(video) when it has the track size', async () => {
    const bitmap = { width: 1280, height: 720, close: vi.fn() }
    const win = Object.assign(fakeWindow(), { createImageBitmap: vi.fn(async () => bitmap) })
    const { camera } = setup({ window: win as unknown as Window })
    const video = fakeVideo(1280, 720)
    expect(await camera.grabFrame(video)).toBe(bitmap)
    expect(win.createImageBitmap).toHaveBeenCalledWith(video)
  })

  it('draws the video on a canvas at videoWidth x videoHeight when that fails', async () => {
    const drawImage = vi.fn()
    const canvas = { width: 0, height: 0, getContext: () => ({ drawImage }), sized: '' }
    const doc = Object.assign(fakeDocument(), {
      createElement: () => canvas,
    }) as unknown as Document
    const win = Object.assign(fakeWindow(), {
      createImageBitmap: vi.fn(async (source: unknown) => {
        if (source !== canvas) throw new DOMException('no video', 'InvalidStateError')
        canvas.sized = `${canvas.width}x${canvas.height}`
        return { width: canvas.width, height: canvas.height }
      }),
    })
    const { camera } = setup({ window: win as unknown as Window, document: doc })
    const video = fakeVideo(1280, 720)
    const bitmap = await camera.grabFrame(video)
    expect(bitmap).toEqual({ width: 1280, height: 720 })
    expect(drawImage).toHaveBeenCalledWith(video, 0, 0, 1280, 720)
    expect(canvas.sized).toBe('1280x720')
    expect(canvas.width).toBe(0) // released afterwards
  })
})
