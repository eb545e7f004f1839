import { createHash } from 'node:crypto'
import { demoPhotos } from './photos.ts'
import type { StoredUser } from './types.ts'

// Biometrics a seeded user holds but the simulator never stores: derived from the user id and
// the counts on the record, so `fingerprint_template_count` and `face_count` always agree with
// the lists GET /api/users/:id sends, at no memory cost for 20,000 users.

/** The device SDK's fingerprint template size (BS2_FINGER_TEMPLATE_SIZE). */
const FINGER_TEMPLATE_BYTES = 384
/** Face templates: 32-byte header + 512 data (biostar-api.md section 6). */
const FACE_TEMPLATE_BYTES = 544

/** `size` deterministic bytes for one template, tagged so they look like one. */
function templateBytes(size: number, ...parts: string[]): string {
  const bytes = Buffer.alloc(size)
  let block = createHash('sha256').update(parts.join('/')).digest()
  bytes.write(`BS${parts[0] ?? ''}`, 0, 'latin1')
  for (let o = 8; o < size; o += block.length) {
    block.copy(bytes, o)
    block = createHash('sha256').update(block).digest()
  }
  return bytes.toString('base64')
}

function count(value: string): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : 0
}

/** `fingerprint_templates`: one entry per finger, two scans each, as clients send them. */
export function fingerprintTemplates(user: StoredUser): Record<string, string>[] {
  return Array.from({ length: count(user.fingerprint_template_count) }, (_, n) => ({
    finger_mask: 'false',
    template0: templateBytes(FINGER_TEMPLATE_BYTES, 'FP', user.user_id, String(n), '0'),
    template1: templateBytes(FINGER_TEMPLATE_BYTES, 'FP', user.user_id, String(n), '1'),
  }))
}

/** `credentials.faces` in the device-scan shape; the stored list when it has one. */
export function deviceFaces(user: StoredUser): unknown[] {
  if (user.credentials.faces.length > 0) return user.credentials.faces
  const photos = demoPhotos()
  return Array.from({ length: count(user.face_count) }, (_, n) => ({
    template_ex_normalized_image: photos[(Number(user.user_id) || n) % photos.length],
    templates: [
      {
        template_ex: templateBytes(FACE_TEMPLATE_BYTES, 'FC', user.user_id, String(n)),
        credential_bin_type: '5',
      },
      {
        template_ex_ir: templateBytes(FACE_TEMPLATE_BYTES, 'IR', user.user_id, String(n)),
        credential_bin_type: '6',
      },
    ],
    flag: '1',
    useProfile: 'false',
  }))
}
