import { computed, shallowRef } from 'vue'
import { getUser } from '@/api/users.ts'
import type { DeskLookup } from '@/desk/types.ts'
import { useDirectoryStore } from '@/stores/directory.ts'

/**
 * Who is on the desk: one piece of state (empty, finding, failed or found) and the lookup that
 * sets it. The enrollment store decides when a lookup runs (its steps); this keeps its answer.
 */
export function useDeskLookup() {
  const lookup = shallowRef<DeskLookup>({ state: 'empty' })
  const user = computed(() => (lookup.value.state === 'found' ? lookup.value.user : null))
  const finding = computed(() => lookup.value.state === 'finding')
  const findError = computed(() => (lookup.value.state === 'failed' ? lookup.value.error : null))

  /** Loads a user by a checked id; true when found. An aborted lookup leaves no trace. */
  async function load(userId: string, signal: AbortSignal): Promise<boolean> {
    lookup.value = { state: 'finding', userId }
    try {
      const found = await getUser(userId, { signal })
      lookup.value = { state: 'found', user: found }
      useDirectoryStore().upsert(found)
      return true
    } catch (error) {
      // Replaced by a newer lookup: that one owns the desk now.
      if (!signal.aborted) lookup.value = { state: 'failed', userId, error }
      return false
    }
  }

  /** The person's photo as stored now (after a save, a removal or an undo). */
  function photoChanged(photo: string | null) {
    if (lookup.value.state !== 'found') return
    const user = { ...lookup.value.user, photo, hasPhoto: photo !== null }
    lookup.value = { state: 'found', user }
  }

  const clear = () => (lookup.value = { state: 'empty' })

  return { lookup, user, finding, findError, load, photoChanged, clear }
}
