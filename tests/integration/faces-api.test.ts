// Visual Face verbs against the simulator over real HTTP: upload_picture's answer (templates
// trimmed to 544 bytes, "5" and "9" not swapped), the attach PUT's shape, and every refusal code.
import { createServer } from 'node:http'
import jpeg from 'jpeg-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createSimulator, DEMO_OPERATOR, DEMO_VIEWER, type Simulator } from '../../sim/index.ts'
import { clientConfig, setSessionExpiredHandler, setSessionId } from '../../src/api/client.ts'
import { login } from '../../src/api/auth.ts'
import {
  attachVisualFace,
  checkPicture,
  enrollVisualFace,
  trimTemplate,
  VISUAL_FACE_TEMPLATE_BYTES,
  visualFaceReason,
  type VisualFaceReason,
} from '../../src/api/faces.ts'
import { ApiError } from '../../src/api/errors.ts'

let sim: Simulator
let server: { url: string; close(): Promise<void> }

/** A mid-grey JPEG of the given size, raw base64. */
function jpegBase64(width: number, height: number): string {
  const data = Buffer.alloc(width * height * 4, 150)
  return jpeg.encode({ data, width, height }, 85).data.toString('base64')
}

const bytes = (b64: string) => Buffer.from(b64, 'base64')

async function signIn(who: { loginId: string; password: string } = DEMO_OPERATOR) {
  const { sessionId } = await login(who.loginId, who.password)
  setSessionId(sessionId)
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

beforeAll(async () => {
  sim = createSimulator({ seed: 3, recordBodies: true })
  server = await sim.listen({ port: 0 })
  clientConfig.baseURL = `${server.url}/api`
  clientConfig.retryBaseMs = 5
  setSessionExpiredHandler(null)
})

afterAll(async () => {
  await server.close()
  await sim.close()
})

beforeEach(async () => {
  sim.reset()
  sim.options.strictVisualFace = true
  await signIn()
})

describe('checkPicture (PUT /api/users/check/upload_picture)', () => {
  it('sends the raw base64 and returns the normalised image and trimmed templates', async () => {
    const picture = jpegBase64(640, 640)
    const result = await checkPicture(picture)
    const sent = sim.requests.filter((r) => r.path === '/api/users/check/upload_picture').at(-1)
    expect(sent?.method).toBe('PUT')
    expect(sent?.body).toEqual({ template_ex_picture: picture })

    const image = jpeg.decode(bytes(result.image))
    expect([image.width, image.height]).toEqual([256, 256])
    expect(bytes(result.templates.fiveBase64)).toHaveLength(VISUAL_FACE_TEMPLATE_BYTES)
    expect(bytes(result.templates.nineBase64)).toHaveLength(VISUAL_FACE_TEMPLATE_BYTES)
    // image_template is bin type 5, image_template_2 is 9 (the simulator writes the type in).
    expect(bytes(result.templates.fiveBase64).subarray(0, 5).toString('latin1')).toBe('BSVF5')
    expect(bytes(result.templates.nineBase64).subarray(0, 5).toString('latin1')).toBe('BSVF9')
  })

  const cases: [code: string, reason: VisualFaceReason][] = [
    ['30008', 'noFace'],
    ['30010', 'tooSmall'],
    ['30011', 'notStraight'],
    ['30012', 'eyes'],
  ]
  it.each(cases)('maps BioStar code %s to %s', async (code, reason) => {
    sim.options.uploadPictureCode = code
    const error = await rejection(checkPicture(jpegBase64(320, 320)))
    expect(error).toMatchObject({ kind: 'rejected', status: 400, code })
    expect(error.serverMessage).toBeTruthy()
    expect(visualFaceReason(error)).toBe(reason)
  })

  it('maps 30000 (resolution too low) from a server that keeps the 250 px minimum', async () => {
    sim.options.uploadMinSize = 250
    const error = await rejection(checkPicture(jpegBase64(240, 320)))
    expect(error.code).toBe('30000')
    expect(visualFaceReason(error)).toBe('resolution')
    await expect(checkPicture(jpegBase64(250, 250))).resolves.toBeTruthy()
  })

  it('leaves other failures to the usual error text', async () => {
    const viewer = await rejection(
      signIn(DEMO_VIEWER).then(() => checkPicture(jpegBase64(300, 300))),
    )
    expect(viewer.kind).toBe('permission')
    expect(visualFaceReason(viewer)).toBeNull()
  })
})

describe('attachVisualFace (PUT /api/users/:id)', () => {
  it('attaches the normalised image with both templates, as shape (b)', async () => {
    const result = await checkPicture(jpegBase64(512, 512))
    await attachVisualFace('7', result)
    const sent = sim.requests.filter((r) => r.path === '/api/users/7').at(-1)
    expect(sent?.body).toEqual({
      User: {
        credentials: {
          visualFaces: [
            {
              template_ex_normalized_image: result.image,
              templates: [
                { template_ex: result.templates.nineBase64, credential_bin_type: '9' },
                { template_ex: result.templates.fiveBase64, credential_bin_type: '5' },
              ],
              flag: '1',
              useProfile: 'true',
            },
          ],
          check_visualFace_img_validation: false,
        },
      },
    })
    // strictVisualFace: the image was issued by upload_picture, templates 544 bytes, not swapped.
    expect(sim.getUser('7')?.visual_face_count).toBe('1')
  })

  it('enrollVisualFace does both steps; a refused picture attaches nothing', async () => {
    const result = await enrollVisualFace('8', jpegBase64(400, 300))
    expect(result.image).toBeTruthy()
    expect(sim.getUser('8')?.visual_face_count).toBe('1')
    sim.options.uploadPictureCode = '30011'
    const error = await rejection(enrollVisualFace('9', jpegBase64(400, 300)))
    expect(visualFaceReason(error)).toBe('notStraight')
    expect(sim.getUser('9')?.visual_face_count).toBe('0')
    expect(sim.requests.some((r) => r.path === '/api/users/9')).toBe(false)
  })

  it('an original photo or untrimmed templates would be refused by a strict server', async () => {
    const result = await checkPicture(jpegBase64(320, 320))
    const original = { ...result, image: jpegBase64(320, 320) }
    const error = await rejection(attachVisualFace('7', original))
    expect(error.serverMessage).toMatch(/upload_picture/)
    const padded = Buffer.concat([bytes(result.templates.fiveBase64), Buffer.alloc(6)])
    const untrimmed = {
      ...result,
      templates: { ...result.templates, fiveBase64: padded.toString('base64') },
    }
    expect((await rejection(attachVisualFace('7', untrimmed))).serverMessage).toMatch(/544/)
    // trimTemplate is what checkPicture applies.
    expect(trimTemplate(padded.toString('base64'))).toBe(result.templates.fiveBase64)
  })
})

describe('a 200 without templates', () => {
  it('is "no usable face", not a success', async () => {
    // A server that answers the way section 6 describes for a picture without a usable face.
    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          image: '',
          image_template: '',
          image_template_2: '',
          Response: { code: '0', message: 'Success' },
        }),
      )
    })
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
    const address = bare.address()
    const previous = clientConfig.baseURL
    try {
      if (!address || typeof address === 'string') throw new Error('no port')
      clientConfig.baseURL = `http://127.0.0.1:${address.port}/api`
      const error = await rejection(checkPicture(jpegBase64(300, 300)))
      expect(visualFaceReason(error)).toBe('noTemplate')
    } finally {
      clientConfig.baseURL = previous
      await new Promise((resolve) => bare.close(resolve))
    }
  })
})
