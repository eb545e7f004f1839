import { STATUS_CODES } from 'node:http'
import type { Reply } from './types.ts'

/** Every BioStar envelope points here (biostar-api.md section 5). */
export const SUPPORT_LINK = 'https://support.supremainc.com/en/support/home'

export interface Envelope {
  Response: { code: string; link: string; message: string }
}

export function envelope(code: string, message: string): Envelope {
  return { Response: { code, link: SUPPORT_LINK, message } }
}

export const SUCCESS = envelope('0', 'Success')

/** A reply that carries only the envelope. */
export function fail(status: number, code: string, message: string): Reply {
  return { status, body: envelope(code, message) }
}

export function ok(body: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { ...body, Response: SUCCESS.Response } }
}

export const loginRequired = (): Reply => fail(401, '10', 'Login required.')

export const permissionDenied = (): Reply => fail(403, '20', 'Permission denied.')

/** Gateway-style failures (faults, crashes): the status doubles as the code. */
export function httpError(status: number, message?: string): Reply {
  return fail(status, String(status), message ?? STATUS_CODES[status] ?? 'Error')
}
