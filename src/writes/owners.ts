import type { Operator } from '@/api/types.ts'
import type { WriteOwner } from './types.ts'

// Who owns a write: the operator who made it, on the server it was made for. A write goes out
// only under its own operator's session; everyone else's wait for their owner, or for someone
// to discard them on purpose.

export function ownerOf(operator: Operator, server: string): WriteOwner {
  return { loginId: operator.loginId, server, name: operator.name || operator.loginId }
}

/** Same login id on the same server; an unknown owner is nobody's. */
export function sameOwner(a: WriteOwner | null | undefined, b: WriteOwner | null | undefined) {
  return !!a && !!b && !!a.loginId && a.loginId === b.loginId && a.server === b.server
}

/** The group id of an owner: '' for writes stored without one (older versions). */
export function ownerId(owner: WriteOwner | null | undefined): string {
  return owner ? JSON.stringify([owner.server, owner.loginId]) : ''
}

/** "Name (login)" or the login alone, for the screen. */
export function ownerLabel(owner: WriteOwner | null | undefined): string {
  if (!owner) return ''
  return owner.name && owner.name !== owner.loginId
    ? `${owner.name} (${owner.loginId})`
    : owner.loginId
}

/** Writes of one other operator (owner null: stored before owners were recorded). */
export interface OtherOwnerGroup {
  /** Stable id of the group, for discarding it; '' for the writes without an owner. */
  id: string
  owner: WriteOwner | null
  count: number
}

/** Everyone else's writes, by owner, in the order they first appear (oldest first). */
export function otherOwners(
  items: ReadonlyArray<{ owner?: WriteOwner | null }>,
  me: WriteOwner | null,
): OtherOwnerGroup[] {
  const groups = new Map<string, OtherOwnerGroup>()
  for (const item of items) {
    if (sameOwner(item.owner, me)) continue
    const id = ownerId(item.owner)
    const group = groups.get(id)
    if (group) group.count++
    else groups.set(id, { id, owner: item.owner ?? null, count: 1 })
  }
  return [...groups.values()]
}

/** A stored owner read back, or undefined when it is missing or damaged. */
export function readOwner(value: unknown): WriteOwner | undefined {
  const o = value as Partial<WriteOwner> | null | undefined
  if (!o || typeof o.loginId !== 'string' || !o.loginId || typeof o.server !== 'string')
    return undefined
  return { loginId: o.loginId, server: o.server, name: typeof o.name === 'string' ? o.name : '' }
}
