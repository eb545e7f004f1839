import { describe, expect, it } from 'vitest'
import { apiVerdict, isApiPath, rawPath, unsafeSequence } from '../../../server/api-path.ts'

describe('rawPath', () => {
  it('is the request target before the first ?, still encoded', () => {
    expect(rawPath('/api/users/a%20b?x=1?y')).toBe('/api/users/a%20b')
    expect(rawPath('/api/login')).toBe('/api/login')
    expect(rawPath('?x')).toBe('')
  })
})

describe('isApiPath', () => {
  it('takes only paths under /api/', () => {
    expect(isApiPath('/api/login')).toBe(true)
    expect(isApiPath('/api/')).toBe(true)
    expect(isApiPath('/api/users/12?x=1')).toBe(true)
    for (const url of ['/api', '/apifoo', '/api-admin', '/API/login', '//api/login', '/x?/api/'])
      expect(isApiPath(url), url).toBe(false)
  })
})

describe('unsafeSequence', () => {
  it.each([
    ['/api/../secret', '..'],
    ['/api/users/a..b', '..'],
    ['/api/%2e%2e/secret', '%2e'],
    ['/api/%2E./secret', '%2e'],
    ['/api/users%2f..', '..'],
    ['/api/users%2Fsecret', '%2f'],
    ['/api/users%5csecret', '%5c'],
    ['/api/users%5Csecret', '%5c'],
    ['/api/users\\secret', 'a backslash'],
    ['/api/users/1;jsessionid=x', ';'],
  ])('finds it in %s', (url, name) => {
    expect(unsafeSequence(url)).toBe(name)
  })

  it('finds none in plain paths, in other encodings, or in the query', () => {
    for (const url of [
      '/api/users/12',
      '/api/users/a%20b',
      '/api/users/.hidden',
      '/api/users/a.b.c',
      '/api/v2/users?search=a%2Fb;c..d%5C\\',
    ])
      expect(unsafeSequence(url), url).toBeUndefined()
  })
})

describe('apiVerdict', () => {
  it('forwards plain API paths', () => {
    expect(apiVerdict('/api/login')).toEqual({ action: 'forward' })
    expect(apiVerdict('/api/users/12?x=..;%2f')).toEqual({ action: 'forward' })
  })

  it('refuses exactly /api, with or without a query', () => {
    expect(apiVerdict('/api')).toEqual({ action: 'refuse', reason: 'not under /api/' })
    expect(apiVerdict('/api?x=1')).toEqual({ action: 'refuse', reason: 'not under /api/' })
  })

  it('refuses API paths holding an unsafe sequence, naming it', () => {
    expect(apiVerdict('/api/..;/console')).toEqual({ action: 'refuse', reason: 'holds ..' })
    expect(apiVerdict('/api/users/1;x')).toEqual({ action: 'refuse', reason: 'holds ;' })
  })

  it("passes everything else on to the app's own routes", () => {
    for (const url of ['/', '/desk', '/apifoo', '/api-admin/../api/x', '/assets/a.js', '//api/x'])
      expect(apiVerdict(url), url).toEqual({ action: 'pass' })
  })
})
