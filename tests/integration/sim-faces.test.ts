import jpeg from 'jpeg-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_VIEWER } from '../../sim/index.ts'
import { startTestServer } from '../../sim/testing.ts'
import type { TestServer } from '../../sim/testing.ts'

function jpegBase64(width: number, height: number): string {
  const data = Buffer.alloc(width * height * 4, 180)
  return jpeg.encode({ data, width, height }, 80).data.toString('base64')
}

let t: TestServer
let session: string
beforeAll(async () => {
  t = await startTestServer()
})
beforeEach(async () => {
  t.sim.reset()
  session = await t.login()
})
afterAll(() => t.close())

const upload = (picture: unknown, s = session) =>
  t.call('PUT', '/api/users/check/upload_picture', {
    session: s,
    json: { template_ex_picture: picture },
  })

describe('PUT /api/users/check/upload_picture', () => {
  it('returns a square normalised JPEG and two padded templates', async () => {
    const res = await upload(jpegBase64(300, 400))
    expect(res.status).toBe(200)
    expect(res.body.Response.code).toBe('0')
    const image = jpeg.decode(Buffer.from(res.body.image, 'base64'))
    expect([image.width, image.height]).toEqual([256, 256])
    for (const key of ['image_template', 'image_template_2']) {
      const bytes = Buffer.from(res.body[key], 'base64')
      expect(bytes.length).toBe(550)
      expect(bytes.subarray(544).every((b) => b === 0)).toBe(true)
    }
    expect(res.body.image_template).not.toBe(res.body.image_template_2)
  })

  it('rejects bad pictures, enforces the minimum size when set and forced face codes', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64')
    expect((await upload(gif)).body.Response.message).toMatch(/GIF/)
    expect((await upload('data:image/jpeg;base64,/9j/')).status).toBe(400)
    t.sim.options.uploadMinSize = 250
    const small = await upload(jpegBase64(200, 300))
    expect(small.status).toBe(400)
    expect(small.body.Response.code).toBe('30000')
    t.sim.options.uploadPictureCode = '30008'
    const noFace = await upload(jpegBase64(300, 300))
    expect(noFace.body.Response).toMatchObject({ code: '30008', message: /No face/ })
  })

  it('refuses a picture whose base64 holds line breaks, like a photo (base64Whitespace)', async () => {
    const broken = jpegBase64(300, 300).replace(/.{76}/g, '$&\n')
    const res = await upload(broken)
    expect(res.status).toBe(400)
    expect(res.body.Response).toMatchObject({ code: '65675', message: /line breaks or spaces/ })
    t.sim.options.base64Whitespace = 'accept'
    expect((await upload(broken)).status).toBe(200)
  })

  it('needs user write permission', async () => {
    const viewer = await t.login(DEMO_VIEWER)
    expect((await upload(jpegBase64(64, 64), viewer)).status).toBe(403)
  })
})

describe('attaching a visual face', () => {
  async function uploaded() {
    const { body } = await upload(jpegBase64(320, 320))
    const trim = (b64: string) => Buffer.from(b64, 'base64').subarray(0, 544).toString('base64')
    return { image: body.image, t5: trim(body.image_template), t9: trim(body.image_template_2) }
  }
  const attach = (visualFaces: unknown[]) =>
    t.call('PUT', '/api/users/4', {
      session,
      json: { User: { credentials: { visualFaces } } },
    })

  it('stores visual faces and counts them; an empty list removes them', async () => {
    const { image, t5, t9 } = await uploaded()
    const face = {
      template_ex_normalized_image: image,
      templates: [
        { template_ex: t9, credential_bin_type: 9 },
        { template_ex: t5, credential_bin_type: '5' },
      ],
      flag: 1,
      useProfile: true,
    }
    const wrapped = { ...face, template_ex_normalized_image: image.replace(/.{76}/g, '$&\n') }
    expect((await attach([wrapped])).body.Response.message).toMatch(/line breaks or spaces/)
    expect((await attach([face])).status).toBe(200)
    const user = t.sim.getUser('4')
    expect(user?.visual_face_count).toBe('1')
    expect(user?.credentials.visualFaces[0]).toMatchObject({ flag: '1', useProfile: 'true' })
    expect((await attach([])).status).toBe(200)
    expect(t.sim.getUser('4')?.visual_face_count).toBe('0')
  })

  it('strictVisualFace catches the mistakes that break device authentication', async () => {
    t.sim.options.strictVisualFace = true
    const { image, t5, t9 } = await uploaded()
    const face = (
      normalised: string,
      templates: { template_ex: string; credential_bin_type: string }[],
    ) => ({
      template_ex_normalized_image: normalised,
      templates,
    })
    const good = [
      { template_ex: t9, credential_bin_type: '9' },
      { template_ex: t5, credential_bin_type: '5' },
    ]
    const swapped = [
      { template_ex: t5, credential_bin_type: '9' },
      { template_ex: t9, credential_bin_type: '5' },
    ]
    const original = jpegBase64(320, 320)
    expect((await attach([face(original, good)])).body.Response.message).toMatch(/upload_picture/)
    expect((await attach([face(image, swapped)])).body.Response.message).toMatch(/does not match/)
    const untrimmed = [
      { template_ex: Buffer.alloc(550).toString('base64'), credential_bin_type: '5' },
    ]
    expect((await attach([face(image, untrimmed)])).body.Response.message).toMatch(/544/)
    expect((await attach([face(image, good)])).status).toBe(200)
  })
})
