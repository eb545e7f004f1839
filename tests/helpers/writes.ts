// The write path's test kit: operators as BioStar's login answer describes them, and writes as an
// earlier visit leaves them in IndexedDB (this version's records, base64 photos).
import { apiLocation } from '@/api/client.ts'
import type { Operator } from '@/api/types.ts'
import { idbStore } from '@/storage/idb.ts'
import { WRITES_DB, WRITES_STORE } from '@/writes/records.ts'
import type { WriteOwner } from '@/writes/types.ts'

export const operator = (loginId: string, name: string): Operator => ({
  userId: loginId,
  loginId,
  name,
  permissionName: 'User Operator',
  canWriteUsers: true,
})
export const ADMIN = operator('admin', 'Administrator')
export const CLERK = operator('clerk', 'Kim Clerk')

/** The operator as the owner of writes made on this page's server. */
export const ownerFor = (op: Operator): WriteOwner => ({
  loginId: op.loginId,
  server: apiLocation(),
  name: op.name,
})

/** The write path's own database. */
export const writesDisk = () => idbStore(WRITES_DB, WRITES_STORE)

/** A save as an earlier visit left it on disk: it waited, `seq` is its place in the order. */
export function storedWrite(userId: string, who: Operator | null, seq: number, extra = {}) {
  return {
    v: 2,
    seq,
    userId,
    name: `Person ${userId}`,
    kind: 'save',
    photo: `jpeg-${userId}`,
    bytes: 9,
    createdAt: seq,
    waited: true,
    ...(who ? { owner: ownerFor(who) } : {}),
    ...extra,
  }
}
