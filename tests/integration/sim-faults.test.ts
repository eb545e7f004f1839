import { afterEach, describe, expect, it } from 'vitest'
import { createSimulator, optionsFromEnv } from '../../sim/index.ts'
import { startTestServer } from '../../sim/testing.ts'
import type { TestServer } from '../../sim/testing.ts'

let t: TestServer
afterEach(() => t?.close())

const NAME = 'Renamed after a fault'

describe('fault knobs', () => {
  it('errorRate 1 answers every call with an error status and an envelope, login exempt', async () => {
    t = await startTestServer({ faults: { errorRate: 1, errorStatuses: [503] } })
    const session = await t.login()
    for (let i = 0; i < 5; i++) {
      const res = await t.call('GET', '/api/users/4', { session })
      expect(res.status).toBe(503)
      expect(res.body.Response).toMatchObject({ code: '503', message: 'Service Unavailable' })
    }
    // Before phase: nothing was applied.
    await t.call('PUT', '/api/users/4', { session, json: { User: { name: NAME } } })
    expect(t.sim.getUser('4')?.name).not.toBe(NAME)
    expect(t.sim.requests.at(-1)).toMatchObject({ status: 503, fault: 'error' })
  })

  it('picks from errorStatuses with the seeded PRNG, the same way every run', async () => {
    const run = async () => {
      const server = await startTestServer({ seed: 42, faults: { errorRate: 0.5 } })
      const session = await server.login()
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) {
        statuses.push((await server.call('GET', '/api/users/4', { session })).status)
      }
      await server.close()
      return statuses
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 502, 503, 504]))
  })

  it('errorPhase after applies the change but answers the error', async () => {
    t = await startTestServer()
    const session = await t.login()
    t.sim.setFaults({ errorRate: 1, errorStatuses: [502], errorPhase: 'after' })
    const res = await t.call('PUT', '/api/users/4', { session, json: { User: { name: NAME } } })
    expect(res.status).toBe(502)
    expect(t.sim.getUser('4')?.name).toBe(NAME)
    expect(t.sim.requests.at(-1)).toMatchObject({ status: 502, fault: 'error', applied: true })
    // A retry after the fault clears succeeds and is idempotent.
    t.sim.faults.errorRate = 0
    const retry = await t.call('PUT', '/api/users/4', { session, json: { User: { name: NAME } } })
    expect(retry.status).toBe(200)
    expect(t.sim.getUser('4')?.name).toBe(NAME)
  })

  it('dropRate destroys the connection without an answer', async () => {
    t = await startTestServer({ faults: { dropRate: 1 } })
    const session = await t.login()
    await expect(t.call('GET', '/api/users/4', { session })).rejects.toThrow()
    expect(t.sim.requests.at(-1)).toMatchObject({ status: 0, fault: 'drop' })
    t.sim.faults.dropRate = 0
    expect((await t.call('GET', '/api/users/4', { session })).status).toBe(200)
  })

  it('failNext fails exactly the next n calls with the given status', async () => {
    t = await startTestServer()
    const session = await t.login()
    t.sim.failNext(2, 504)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.call('GET', '/api/users/4', { session })).status)
    }
    expect(statuses).toEqual([504, 504, 200, 200])
    t.sim.failNext(1)
    expect((await t.call('GET', '/api/users/4', { session })).status).toBe(503)
  })

  it('adds latency within the configured range', async () => {
    t = await startTestServer({ faults: { latencyMs: [120, 160] } })
    const session = await t.login()
    const started = Date.now()
    expect((await t.call('GET', '/api/users/4', { session })).status).toBe(200)
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(115)
    expect(elapsed).toBeLessThan(1_000)
  })

  it('applies faults to login only with faultsOnLogin', async () => {
    t = await startTestServer({ faults: { errorRate: 1, errorStatuses: [503] } })
    await expect(t.login()).resolves.toBeTruthy()
    t.sim.faults.faultsOnLogin = true
    await expect(t.login()).rejects.toThrow(/503/)
  })

  it('methods limits the random faults to the listed methods', async () => {
    t = await startTestServer({ faults: { errorRate: 1, errorStatuses: [503], methods: ['PUT'] } })
    const session = await t.login()
    expect((await t.call('GET', '/api/users/4', { session })).status).toBe(200)
    const put = await t.call('PUT', '/api/users/4', { session, json: { User: { name: NAME } } })
    expect(put.status).toBe(503)
    expect(optionsFromEnv({ SIM_FAULT_METHODS: 'put, post' }).faults?.methods).toEqual([
      'PUT',
      'POST',
    ])
  })

  it("fails the next PUTs of one user only, and holds that user's PUTs for a set time", async () => {
    t = await startTestServer()
    const session = await t.login()
    const photo = (id: string) =>
      t.call('PUT', `/api/users/${id}`, { session, json: { User: { name: `${NAME} ${id}` } } })
    t.sim.failNextPuts('4', 2)
    // Another user's PUT and a read of user 4 are not touched, and do not use up the failures.
    expect((await photo('5')).status).toBe(200)
    expect((await t.call('GET', '/api/users/4', { session })).status).toBe(200)
    expect((await photo('4')).status).toBe(503)
    expect(t.sim.getUser('4')?.name).not.toBe(`${NAME} 4`)
    expect((await photo('4')).status).toBe(503)
    expect((await photo('4')).status).toBe(200)
    expect(t.sim.getUser('4')?.name).toBe(`${NAME} 4`)

    t.sim.delayPuts('6', 300)
    let started = Date.now()
    expect((await photo('6')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    started = Date.now()
    expect((await photo('7')).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(250)
    t.sim.delayPuts('6', 0)
    started = Date.now()
    expect((await photo('6')).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(250)

    t.sim.failNextPuts('8', 1, 500)
    t.sim.delayPuts('8', 300)
    t.sim.reset()
    const after = await t.login()
    const res = await t.call('PUT', '/api/users/8', {
      session: after,
      json: { User: { name: NAME } },
    })
    expect(res.status).toBe(200)
  })

  it('reset() restores creation-time faults and options', async () => {
    t = await startTestServer()
    t.sim.setFaults({ errorRate: 1 })
    t.sim.options.deviceSafe = true
    t.sim.failNext(3)
    t.sim.reset()
    expect(t.sim.faults.errorRate).toBe(0)
    expect(t.sim.options.deviceSafe).toBe(false)
    const session = await t.login()
    expect((await t.call('GET', '/api/users/4', { session })).status).toBe(200)
  })
})

describe('optionsFromEnv', () => {
  it('reads SIM_* variables and rejects malformed values', () => {
    const options = optionsFromEnv({
      SIM_USERS: '20000',
      SIM_DATA: '/tmp/x.json',
      SIM_LATENCY: '1000-3000',
      SIM_ERROR_RATE: '0.25',
      SIM_DROP_RATE: '0.1',
      SIM_ERROR_PHASE: 'after',
      SIM_SINGLE_SESSION: '1',
      SIM_V2_TOTAL_TYPE: 'string',
    })
    expect(options).toMatchObject({
      userCount: 20000,
      dataFile: '/tmp/x.json',
      singleSession: true,
      v2TotalType: 'string',
      faults: { latencyMs: [1000, 3000], errorRate: 0.25, dropRate: 0.1, errorPhase: 'after' },
    })
    expect(optionsFromEnv({ SIM_LATENCY: '500' }).faults?.latencyMs).toEqual([500, 500])
    expect(optionsFromEnv({})).toEqual({})
    expect(() => optionsFromEnv({ SIM_ERROR_RATE: '2' })).toThrow(/SIM_ERROR_RATE/)
    expect(() => optionsFromEnv({ SIM_ID_TYPE: 'uuid' })).toThrow(/SIM_ID_TYPE/)
    expect(() => createSimulator(optionsFromEnv({ SIM_LATENCY: '9-1' }))).toThrow(/max below min/)
  })
})
