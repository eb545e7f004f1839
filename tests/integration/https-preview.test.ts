// `npm run preview` over HTTPS for small sites (server/https.ts) with the security headers
// (server/security-headers.ts): a self-signed certificate that is cached, or the operator's own
// files, and a clear error when those files are wrong.
import { X509Certificate } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite'
import { previewHttps, type TlsFiles } from '../../server/https.ts'
import {
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  securityHeaders,
} from '../../server/security-headers.ts'
import { request } from '../helpers/nginx.ts'
import { selfSignedCert } from '../helpers/certs.ts'

let dir: string
let cacheDir: string
const servers: (PreviewServer | ViteDevServer)[] = []
const quiet = () => {}

function port(server: PreviewServer | ViteDevServer): number {
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function servePreview(https: TlsFiles | undefined): Promise<string> {
  const server = await preview({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: 'site' },
    preview: { port: 0, host: '127.0.0.1', https },
    plugins: [securityHeaders()],
  })
  servers.push(server)
  return `${https ? 'https' : 'http'}://127.0.0.1:${port(server)}`
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'photo-desk-https-'))
  cacheDir = join(dir, 'cache')
  mkdirSync(join(dir, 'site'))
  writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>Photo Desk</title>')
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  rmSync(dir, { recursive: true, force: true })
})

describe('previewHttps()', () => {
  it('stays on plain HTTP unless asked', async () => {
    expect(await previewHttps({}, { cacheDir, log: quiet })).toBeUndefined()
    expect(await previewHttps({ HTTPS: '0' }, { cacheDir, log: quiet })).toBeUndefined()
  })

  it('HTTPS=1: a self-signed certificate for localhost, 127.0.0.1 and the LAN, reused', async () => {
    const lines: string[] = []
    const tls = await previewHttps({ HTTPS: '1' }, { cacheDir, log: (l) => lines.push(l) })
    expect(tls).toBeDefined()
    const cert = new X509Certificate(tls!.cert)
    expect(cert.checkHost('localhost')).toBe('localhost')
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1')
    const lan = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address)
    for (const ip of lan) expect(cert.checkIP(ip), ip).toBe(ip)
    expect(cert.ca).toBe(false)
    // iOS refuses certificates valid for more than 825 days, even once accepted.
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000
    expect(days).toBeLessThanOrEqual(825)
    expect(lines.join('\n')).toContain(cert.fingerprint256)
    // The key is private to its owner.
    expect(statSync(join(cacheDir, 'preview-key.pem')).mode & 0o077).toBe(0)

    // Served: the certificate verifies for 127.0.0.1 and the security headers are there.
    const url = await servePreview(tls)
    const res = await request(`${url}/`, { ca: tls!.cert })
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Photo Desk</title>')
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(res.headers[name.toLowerCase()], name).toBe(value)
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/)

    // Next start: the same certificate, so tablets are not asked again.
    const again = await previewHttps({ HTTPS: '1' }, { cacheDir, log: quiet })
    expect(again).toEqual(tls)
    // A new address (another network) makes a new one that covers it.
    const wider = await previewHttps(
      { HTTPS: 'true' },
      { cacheDir, log: quiet, hosts: ['10.9.8.7'] },
    )
    expect(wider!.cert).not.toBe(tls!.cert)
    expect(new X509Certificate(wider!.cert).checkIP('10.9.8.7')).toBe('10.9.8.7')
  })

  it('HTTPS_CERT + HTTPS_KEY: the given files', async () => {
    const own = await selfSignedCert('photo-desk.example.lan')
    writeFileSync(join(dir, 'own-cert.pem'), own.cert)
    writeFileSync(join(dir, 'own-key.pem'), own.key)
    const env = { HTTPS_CERT: join(dir, 'own-cert.pem'), HTTPS_KEY: join(dir, 'own-key.pem') }
    const tls = await previewHttps({ ...env, HTTPS: '1' }, { cacheDir, log: quiet })
    expect(tls).toEqual(own)
    const url = await servePreview(tls)
    expect((await request(`${url}/`, { ca: own.cert })).status).toBe(200)
  })

  it('says clearly what is wrong with HTTPS_CERT / HTTPS_KEY', async () => {
    const other = await selfSignedCert('someone-else')
    writeFileSync(join(dir, 'other-key.pem'), other.key)
    const cert = join(dir, 'own-cert.pem')
    const key = join(dir, 'own-key.pem')
    const missing = join(dir, 'nope', 'cert.pem')
    const cases: [Record<string, string>, RegExp][] = [
      [{ HTTPS_CERT: missing, HTTPS_KEY: key }, /^HTTPS_CERT=.*nope\/cert\.pem: file not found/],
      [{ HTTPS_CERT: cert, HTTPS_KEY: missing }, /^HTTPS_KEY=.*: file not found/],
      [{ HTTPS_CERT: cert }, /HTTPS_CERT is set but HTTPS_KEY is not/],
      [{ HTTPS_KEY: key }, /HTTPS_KEY is set but HTTPS_CERT is not/],
      [{ HTTPS_CERT: key, HTTPS_KEY: key }, /HTTPS_CERT=.* is not a PEM certificate/],
      [{ HTTPS_CERT: cert, HTTPS_KEY: cert }, /HTTPS_KEY=.* is not an unencrypted PEM private key/],
      [
        { HTTPS_CERT: cert, HTTPS_KEY: join(dir, 'other-key.pem') },
        /is not the private key of HTTPS_CERT/,
      ],
    ]
    for (const [env, message] of cases)
      await expect(
        previewHttps(env, { cacheDir, log: quiet }),
        JSON.stringify(env),
      ).rejects.toThrow(message)
  })
})

describe('securityHeaders()', () => {
  it('adds nothing to the dev server, whose HMR needs inline scripts and eval', async () => {
    const server = await createServer({
      root: join(dir, 'site'),
      configFile: false,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1', ws: false },
      plugins: [securityHeaders()],
    })
    await server.listen()
    servers.push(server)
    const res = await request(`http://127.0.0.1:${port(server)}/`)
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toBeUndefined()
  })

  it('sends no HSTS over plain HTTP', async () => {
    const res = await request(`${await servePreview(undefined)}/`)
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers['strict-transport-security']).toBeUndefined()
  })
})
