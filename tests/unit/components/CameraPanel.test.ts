// CameraPanel as the clerk sees it: buttons by name, the Camera picker, and the error help.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '@/i18n/index.ts'
import CameraPanel from '@/components/CameraPanel.vue'
import { guideOval } from '@/face/oval.ts'
import { CAMERA_OPTIONS_KEY, type UseCameraOptions } from '@/composables/useCamera.ts'
import cameraEn from '@/i18n/camera.en.ts'
import cameraKo from '@/i18n/camera.ko.ts'

enableAutoUnmount(afterEach)

beforeEach(() => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

type DeviceSpec = { deviceId: string; label: string }

function fakeMedia(devices: DeviceSpec[] = [{ deviceId: 'cam-a', label: 'Desk webcam' }]) {
  const tracks: { stop: ReturnType<typeof vi.fn>; deviceId: string }[] = []
  let granted = false
  const media = Object.assign(new EventTarget(), {
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => {
      const video = typeof c.video === 'object' ? c.video : {}
      const deviceId =
        (video.deviceId as { exact?: string } | undefined)?.exact ?? devices[0]!.deviceId
      const track = Object.assign(new EventTarget(), {
        kind: 'video',
        deviceId,
        stop: vi.fn(),
        getSettings: () => ({ deviceId, width: 1280, height: 720 }),
      })
      tracks.push(track)
      granted = true
      const stream = new MediaStream()
      Object.assign(stream, { getTracks: () => [track], getVideoTracks: () => [track] })
      return stream
    }),
    enumerateDevices: vi.fn(async () =>
      devices.map((d) => ({
        kind: 'videoinput',
        deviceId: granted ? d.deviceId : '',
        label: granted ? d.label : '',
      })),
    ),
  })
  return { media: media as unknown as MediaDevices & typeof media, tracks }
}

function memoryStorage() {
  const map = new Map<string, string>()
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  } as unknown as Storage
}

function mountPanel(
  props: InstanceType<typeof CameraPanel>['$props'] = {},
  options: UseCameraOptions = {},
  locale: 'en' | 'ko' = 'en',
) {
  const i18n = createAppI18n(locale, { en: { camera: cameraEn }, ko: { camera: cameraKo } })
  const camera: UseCameraOptions = {
    window: { isSecureContext: true, location } as unknown as Window,
    storage: memoryStorage(),
    ...options,
  }
  return mount(CameraPanel, {
    props,
    attachTo: document.body,
    global: { plugins: [i18n], provide: { [CAMERA_OPTIONS_KEY as symbol]: camera } },
  })
}

const button = (w: ReturnType<typeof mountPanel>, name: string) =>
  w.findAll('button').find((b) => b.text() === name)

describe('CameraPanel', () => {
  it('waits for "Start camera" when autoStart is off, then shows the live preview', async () => {
    const fm = fakeMedia()
    const w = mountPanel({}, { mediaDevices: fm.media })
    await flushPromises()
    expect(fm.media.getUserMedia).not.toHaveBeenCalled()
    const start = button(w, 'Start camera')
    expect(start).toBeDefined()

    await start!.trigger('click')
    await flushPromises()
    expect(fm.media.getUserMedia).toHaveBeenCalledTimes(1)
    const video = w.get('video').element as HTMLVideoElement
    expect(video.srcObject).toBeInstanceOf(MediaStream)
    expect(video.hasAttribute('playsinline')).toBe(true)
    expect(video.muted || video.hasAttribute('muted')).toBe(true)
    expect(video.hasAttribute('autoplay')).toBe(true)
    expect(video.classList.contains('mirrored')).toBe(true)
    expect(button(w, 'Start camera')).toBeUndefined()
    expect(w.find('svg.guide ellipse').exists()).toBe(true)
    expect(w.emitted('state')!.at(-1)).toEqual([{ active: true, error: null }])
    // the stage keeps the track's aspect so the preview shows exactly the grabbed frame
    expect(w.get('.stage').attributes('style')).toContain('--aspect: 1280 / 720')
  })

  it('starts by itself with autoStart and lists cameras under the label "Camera"', async () => {
    const fm = fakeMedia([
      { deviceId: 'cam-a', label: 'Desk webcam' },
      { deviceId: 'cam-b', label: '' },
    ])
    const w = mountPanel({ autoStart: true }, { mediaDevices: fm.media })
    await flushPromises()
    expect(fm.media.getUserMedia).toHaveBeenCalledTimes(1)
    const label = w.findAll('label').find((l) => l.text() === 'Camera')!
    const select = w.get(`#${label.attributes('for')}`)
    expect(select.element.tagName).toBe('SELECT')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Desk webcam', 'Camera 2'])
    expect((select.element as HTMLSelectElement).value).toBe('cam-a')

    await select.setValue('cam-b')
    await flushPromises()
    expect(fm.tracks[0]!.stop).toHaveBeenCalled()
    expect(fm.tracks.at(-1)!.deviceId).toBe('cam-b')
  })

  it('shows the denied help with "Try again", and retries', async () => {
    const fm = fakeMedia()
    fm.media.getUserMedia.mockRejectedValueOnce(new DOMException('no', 'NotAllowedError'))
    const w = mountPanel({ autoStart: true }, { mediaDevices: fm.media })
    await flushPromises()
    const alert = w.get('[role="alert"]')
    expect(alert.text()).toContain('Camera access is blocked')
    expect(alert.text()).toContain('set Camera to Allow')
    expect(alert.text()).toContain('You can still choose a photo file')
    expect(w.emitted('state')!.at(-1)).toEqual([{ active: false, error: { kind: 'denied' } }])

    await button(w, 'Try again')!.trigger('click')
    await flushPromises()
    expect(fm.media.getUserMedia).toHaveBeenCalledTimes(2)
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })

  it.each([
    ['NotFoundError', 'No camera found'],
    ['NotReadableError', 'The camera is in use'],
    ['AbortError', 'The camera is in use'],
    ['SecurityError', 'Camera access is blocked'],
  ])('explains %s as "%s"', async (name, title) => {
    const fm = fakeMedia()
    fm.media.getUserMedia.mockRejectedValue(new DOMException('x', name))
    const w = mountPanel({ autoStart: true }, { mediaDevices: fm.media })
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toContain(title)
    expect(button(w, 'Try again')).toBeDefined()
  })

  it('explains an insecure context with the https address and no useless buttons', async () => {
    const fm = fakeMedia()
    const win = {
      isSecureContext: false,
      location: { host: '10.0.0.7:5173', pathname: '/desk' },
    } as unknown as Window
    const w = mountPanel({ autoStart: true }, { mediaDevices: fm.media, window: win })
    await flushPromises()
    expect(fm.media.getUserMedia).not.toHaveBeenCalled()
    const alert = w.get('[role="alert"]')
    expect(alert.text()).toContain('HTTPS')
    expect(alert.text()).toContain('https://10.0.0.7:5173/desk')
    expect(alert.text()).toContain('localhost')
    expect(alert.get('a').attributes('href')).toBe('https://10.0.0.7:5173/desk')
    expect(button(w, 'Try again')).toBeUndefined()
    expect(button(w, 'Start camera')).toBeUndefined()
    expect(w.emitted('state')![0]).toEqual([
      { active: false, error: { kind: 'insecure', detail: 'https://10.0.0.7:5173/desk' } },
    ])
  })

  it('speaks Korean too', async () => {
    const win = { isSecureContext: false, location: { host: 'h', pathname: '/' } }
    const w = mountPanel({}, { window: win as unknown as Window }, 'ko')
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toContain('https://h/')
    expect(w.get('[role="alert"]').text()).toContain('HTTPS')
  })

  it('offers the front/rear switch only when both exist, named for where it goes', async () => {
    const fm = fakeMedia([
      { deviceId: 'f', label: 'Front Camera' },
      { deviceId: 'b', label: 'Back Camera' },
    ])
    const w = mountPanel({ autoStart: true }, { mediaDevices: fm.media })
    await flushPromises()
    await button(w, 'Switch to rear camera')!.trigger('click')
    await flushPromises()
    expect(fm.tracks[0]!.stop).toHaveBeenCalled()
    expect(w.get('video').classes()).not.toContain('mirrored')
    expect(button(w, 'Switch to front camera')).toBeDefined()

    const single = mountPanel({ autoStart: true }, { mediaDevices: fakeMedia().media })
    await flushPromises()
    expect(single.findAll('button').some((b) => b.text().startsWith('Switch'))).toBe(false)
  })

  it('shows the guide state and text for live coaching', async () => {
    const w = mountPanel(
      { autoStart: true, guideState: 'good', guideText: 'Move closer' },
      { mediaDevices: fakeMedia().media },
    )
    await flushPromises()
    expect(w.get('.stage').attributes('data-state')).toBe('good')
    expect(w.get('.guide-text').text()).toBe('Move closer')
    await w.setProps({ guideText: '' })
    expect(w.find('.guide-text').exists()).toBe(false)
  })

  it('draws the oval where the crop rule wants the head, and keeps the coaching under it', async () => {
    const w = mountPanel({ autoStart: true }, { mediaDevices: fakeMedia().media })
    await flushPromises()
    const ellipse = w.get('svg.guide ellipse')
    const oval = guideOval(1280, 720, 1)
    for (const k of ['cx', 'cy', 'rx', 'ry'] as const)
      expect(Number(ellipse.attributes(k))).toBeCloseTo(oval[k], 6)
    const bottom = w
      .get('.stage')
      .attributes('style')!
      .match(/--oval-bottom: ([\d.]+)/)![1]
    expect(Number(bottom)).toBeCloseTo((oval.cy + oval.ry) / 1280, 6)
  })

  it('exposes start/stop/grab/active and stops the tracks on unmount', async () => {
    const fm = fakeMedia()
    const w = mountPanel({}, { mediaDevices: fm.media })
    const vm = w.vm as unknown as {
      start(): Promise<boolean>
      stop(): void
      grab(): Promise<ImageBitmap | null>
      active: boolean
    }
    expect(await vm.grab()).toBeNull()
    expect(await vm.start()).toBe(true)
    expect(vm.active).toBe(true)
    vm.stop()
    expect(vm.active).toBe(false)
    expect(fm.tracks[0]!.stop).toHaveBeenCalledTimes(1)
    await vm.start()
    w.unmount()
    expect(fm.tracks[1]!.stop).toHaveBeenCalledTimes(1)
  })
})

describe('camera messages', () => {
  function keys(value: unknown, prefix = ''): string[] {
    if (typeof value !== 'object' || value === null) return [prefix]
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
  }
  const get = (lang: object, key: string) =>
    String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang))

  it('English and Korean have the same keys and placeholders, and no message syntax', () => {
    expect(keys(cameraKo).sort()).toEqual(keys(cameraEn).sort())
    for (const key of keys(cameraEn)) {
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
      expect(names(get(cameraKo, key)), key).toEqual(names(get(cameraEn, key)))
      for (const lang of [cameraEn, cameraKo]) {
        const text = get(lang, key)
        expect(text.trim().length, key).toBeGreaterThan(0)
        expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(/[@|{}]/)
      }
    }
  })
})
