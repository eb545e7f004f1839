// The name search of the directory store: normalisation, Korean substrings, ranking and order.
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { UserSummary } from '@/api/types.ts'
import { buildSearchIndex, normalizeForSearch, searchIndex } from '@/directory/search-index.ts'
import { useDirectoryStore } from '@/stores/directory.ts'

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임']
const GIVEN = ['민준', '서연', '지호', '서윤', '도윤', '하은', '예준', '지우', '시우', '수아']
const FIRST = ['James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Sophia', 'Lucas', 'Mia']
const LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Clark', 'Lewis', 'Walker']

function user(userId: string, name: string, extra: Partial<UserSummary> = {}): UserSummary {
  return {
    userId,
    name,
    group: { id: '1002', name: 'Engineering' },
    hasPhoto: false,
    disabled: false,
    expired: false,
    ...extra,
  }
}

/** 1,000 users like the simulator's (Korean and English names alternating) plus oddities. */
function generated(): UserSummary[] {
  const list: UserSummary[] = []
  for (let i = 0; i < 1000; i++) {
    const k = Math.floor(i / 2)
    const name =
      i % 2 === 0
        ? `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k + Math.floor(k / 10)) % GIVEN.length]}`
        : `${FIRST[k % FIRST.length]} ${LAST[(k + Math.floor(k / 10)) % LAST.length]}`
    list.push(user(String(i + 100), name))
  }
  list.push(
    user('5001', 'José Álvarez'),
    user('5002', 'ＡＫＩＲＡ Ｔａｎａｋａ'),
    user('5003', 'Mary-Jane Watson'),
    user('5004', 'Zoë  Brontë'),
    user('5005', 'Annabel Lee'),
    user('5006', 'Lee Annabel'),
    user('5007', 'Kathleen Smith'),
    user('EMP-0042', 'Visitor Desk'),
    user('12', 'Twelve Zed'),
    user('1200', 'Aaron Twelvehundred'),
  )
  return list
}

const names = (list: UserSummary[]) => list.map((u) => u.name)

describe('normalizeForSearch', () => {
  it('folds case, accents, width and spacing', () => {
    expect(normalizeForSearch('  José   ÁLVAREZ ')).toBe('jose alvarez')
    expect(normalizeForSearch('ＡＫＩＲＡ')).toBe('akira')
    expect(normalizeForSearch('Ｚｏë')).toBe('zoe')
    expect(normalizeForSearch('ℌello')).toBe('hello')
  })

  it('keeps Hangul syllables whole', () => {
    expect(normalizeForSearch('김민준')).toBe('김민준')
    // Half-width Hangul jamo and decomposed syllables end up as the same syllables.
    expect(normalizeForSearch('\u1100\u1175\u11b7')).toBe('김')
  })
})

describe('searchIndex on a generated list', () => {
  const index = buildSearchIndex(generated())
  const find = (query: string, limit = 50) => searchIndex(index, query, limit)

  it('finds Korean names by any substring, including the given name alone', () => {
    const { matches, total } = find('민준', 1000)
    expect(total).toBeGreaterThan(10)
    expect(matches.every((u) => u.name.includes('민준'))).toBe(true)
    expect(names(matches)).toContain('김민준')
    expect(names(find('김민', 1000).matches).every((n) => n.startsWith('김민'))).toBe(true)
  })

  it('ignores a trailing half-typed Hangul syllable from the IME', () => {
    const typing = find('김ㅁ', 1000)
    expect(typing.total).toBe(find('김', 1000).total)
  })

  it('is case-, accent- and width-insensitive', () => {
    expect(names(find('jose').matches)).toEqual(['José Álvarez'])
    expect(names(find('ÁLVAREZ').matches)).toEqual(['José Álvarez'])
    expect(names(find('akira tan').matches)).toEqual(['ＡＫＩＲＡ Ｔａｎａｋａ'])
    expect(names(find('ＪＯＳＥ').matches)).toEqual(['José Álvarez'])
    expect(names(find('zoe bronte').matches)).toEqual(['Zoë  Brontë'])
  })

  it('ranks id exact, then starts with, then a later word, then contains', () => {
    const { matches } = find('lee')
    // "Lee Annabel" starts with it, "Annabel Lee" has it as a word, "Kathleen" contains it.
    expect(names(matches)).toEqual(['Lee Annabel', 'Annabel Lee', 'Kathleen Smith'])
    expect(names(find('jane').matches)).toEqual(['Mary-Jane Watson'])
  })

  it('matches an exact user id first, then ids that start with it', () => {
    const { matches } = find('12')
    expect(matches[0]?.userId).toBe('12')
    const ids = matches.map((u) => u.userId)
    expect(ids).toContain('1200')
    expect(ids).toContain('120')
    expect(ids.every((id) => id.startsWith('12'))).toBe(true)
    expect(find('emp-0042').matches.map((u) => u.userId)).toEqual(['EMP-0042'])
  })

  it('orders matches of the same rank by name, stably', () => {
    const { matches } = find('smith', 1000)
    const starts = matches.filter((u) => normalizeForSearch(u.name).startsWith('smith'))
    expect(starts).toEqual([])
    const sorted = [...names(matches)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    expect(names(matches)).toEqual(sorted)
    expect(names(find('smith', 1000).matches)).toEqual(names(matches))
  })

  it('caps the rows but counts every match', () => {
    const { matches, total } = find('a', 50)
    expect(matches).toHaveLength(50)
    expect(total).toBeGreaterThan(300)
    expect(find('a', 10).matches).toEqual(matches.slice(0, 10))
  })

  it('returns nothing for an empty or blank query', () => {
    expect(find('')).toEqual({ matches: [], total: 0 })
    expect(find('   ')).toEqual({ matches: [], total: 0 })
    expect(find('qqqq')).toEqual({ matches: [], total: 0 })
  })
})

describe('useDirectoryStore().search', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('searches whatever list the store holds', () => {
    const store = useDirectoryStore()
    store.users = generated()
    expect(store.search('annabel').map((u) => u.userId)).toEqual(['5005', '5006'])
    expect(store.search('민준', 3)).toHaveLength(3)
    expect(store.searchWithTotal('민준', 3).total).toBeGreaterThan(3)
    store.users = [user('1', '김민준')]
    expect(store.search('민준').map((u) => u.userId)).toEqual(['1'])
  })

  it('upsert replaces a user (hasPhoto stays right) and keeps the order', () => {
    const store = useDirectoryStore()
    store.users = generated()
    store.loadedAt = Date.now()
    const before = store.users.length
    store.upsert(user('5005', 'Annabel Lee', { hasPhoto: true }))
    expect(store.users).toHaveLength(before)
    expect(store.search('annabel lee')[0]).toMatchObject({ userId: '5005', hasPhoto: true })
    store.upsert(user('9999', 'Brand New'))
    expect(store.users).toHaveLength(before + 1)
    expect(store.search('brand').map((u) => u.userId)).toEqual(['9999'])
    store.upsert(user('9999', 'Renamed Person'))
    expect(store.search('brand')).toEqual([])
    expect(store.search('renamed').map((u) => u.userId)).toEqual(['9999'])
  })
})
