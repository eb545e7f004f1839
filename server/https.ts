import { X509Certificate, createPrivateKey } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from 'selfsigned'

export interface TlsFiles {
  key: string
  cert: string
}

export interface PreviewHttpsOptions {
  /** Where the generated certificate is kept. Default: node_modules/.cache/photo-desk. */
  cacheDir?: string
  /** Extra names or addresses for the generated certificate, on top of the detected ones. */
  hosts?: string[]
  /** Progress lines (which certificate, its fingerprint). Default: console.info. */
  log?: (line: string) => void
}

const DEFAULT_CACHE_DIR = fileURLToPath(
  new URL('../node_modules/.cache/photo-desk', import.meta.url),
)
const CERT_FILE = 'preview-cert.pem'
const KEY_FILE = 'preview-key.pem'
/** Apple refuses TLS certificates valid for more than 825 days, even once accepted. */
const VALID_DAYS = 820
/** Make a new one this long before the old one expires. */
const RENEW_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

function isOn(value: string | undefined): boolean {
  return /^(1|true|yes|on)$/i.test(value?.trim() ?? '')
}

/** localhost, 127.0.0.1 and this machine's LAN IPv4 addresses: what a tablet types in. */
export function certificateHosts(extra: string[] = []): string[] {
  const ips = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address)
  const name = hostname().toLowerCase()
  const names = ['localhost', '127.0.0.1', ...ips, ...(name && name !== 'localhost' ? [name] : [])]
  return [...new Set([...names, ...extra])]
}

const isIp = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':')

/** The names and addresses a certificate is valid for, as X509Certificate reports them. */
function coveredHosts(cert: X509Certificate): Set<string> {
  const covered = new Set<string>()
  for (const entry of (cert.subjectAltName ?? '').split(/,\s*/)) {
    const match = /^(DNS|IP Address):(.+)$/.exec(entry.trim())
    if (match) covered.add(match[2]!.toLowerCase())
  }
  return covered
}

function readPem(variable: string, path: string): string {
  if (!existsSync(path))
    throw new Error(
      `${variable}=${path}: file not found. Point ${variable} at a PEM file, or unset HTTPS_CERT and HTTPS_KEY and use HTTPS=1 for a self-signed certificate.`,
    )
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    throw new Error(`${variable}=${path}: cannot read it (${(err as Error).message}).`)
  }
}

/** Reads HTTPS_CERT / HTTPS_KEY and checks that they are a certificate and its own key. */
function loadGiven(certPath: string | undefined, keyPath: string | undefined): TlsFiles {
  if (!certPath || !keyPath) {
    const [set, unset] = certPath ? ['HTTPS_CERT', 'HTTPS_KEY'] : ['HTTPS_KEY', 'HTTPS_CERT']
    throw new Error(
      `${set} is set but ${unset} is not: set both (the certificate and its private key, PEM files).`,
    )
  }
  const cert = readPem('HTTPS_CERT', certPath)
  const key = readPem('HTTPS_KEY', keyPath)
  let x509: X509Certificate
  try {
    x509 = new X509Certificate(cert)
  } catch {
    throw new Error(
      `HTTPS_CERT=${certPath} is not a PEM certificate ("-----BEGIN CERTIFICATE-----").`,
    )
  }
  let privateKey: ReturnType<typeof createPrivateKey>
  try {
    privateKey = createPrivateKey(key)
  } catch {
    throw new Error(`HTTPS_KEY=${keyPath} is not an unencrypted PEM private key.`)
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new Error(`HTTPS_KEY=${keyPath} is not the private key of HTTPS_CERT=${certPath}.`)
  return { key, cert }
}

/** The cached certificate, if it still covers every host and is not about to expire. */
function loadCached(dir: string, hosts: string[]): TlsFiles | undefined {
  const certPath = join(dir, CERT_FILE)
  const keyPath = join(dir, KEY_FILE)
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined
  try {
    const cert = readFileSync(certPath, 'utf8')
    const key = readFileSync(keyPath, 'utf8')
    const x509 = new X509Certificate(cert)
    if (!x509.checkPrivateKey(createPrivateKey(key))) return undefined
    if (Date.parse(x509.validTo) - Date.now() < RENEW_DAYS * DAY_MS) return undefined
    const covered = coveredHosts(x509)
    if (!hosts.every((h) => covered.has(h.toLowerCase()))) return undefined
    return { key, cert }
  } catch {
    return undefined
  }
}

async function createSelfSigned(hosts: string[]): Promise<TlsFiles> {
  const notBeforeDate = new Date(Date.now() - DAY_MS)
  const result = await generate([{ name: 'commonName', value: 'Photo Desk preview' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: hosts.map((h) => (isIp(h) ? { type: 7, ip: h } : { type: 2, value: h })),
      },
    ],
  })
  return { key: result.private, cert: result.cert }
}

/**
 * TLS for `vite preview`, so tablets get a secure context (the camera needs one):
 * - `HTTPS_CERT` + `HTTPS_KEY`: these PEM files (checked: readable, a certificate and its key);
 * - `HTTPS=1`: a self-signed certificate for localhost, 127.0.0.1 and the LAN IPv4 addresses,
 *   kept in node_modules/.cache/photo-desk so a tablet accepts it once, not at every start;
 * - neither: undefined (plain HTTP).
 * Throws an Error whose message says what to fix.
 */
export async function previewHttps(
  env: Record<string, string | undefined>,
  options: PreviewHttpsOptions = {},
): Promise<TlsFiles | undefined> {
  const log = options.log ?? ((line: string) => console.info(line))
  if (env.HTTPS_CERT || env.HTTPS_KEY) {
    const files = loadGiven(env.HTTPS_CERT, env.HTTPS_KEY)
    log(`  HTTPS: certificate ${env.HTTPS_CERT}`)
    return files
  }
  if (!isOn(env.HTTPS)) return undefined

  const dir = options.cacheDir ?? DEFAULT_CACHE_DIR
  const hosts = certificateHosts(options.hosts)
  const cached = loadCached(dir, hosts)
  const files = cached ?? (await createSelfSigned(hosts))
  if (!cached) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, KEY_FILE), files.key, { mode: 0o600 })
    chmodSync(join(dir, KEY_FILE), 0o600)
    writeFileSync(join(dir, CERT_FILE), files.cert)
  }
  const fingerprint = new X509Certificate(files.cert).fingerprint256
  log(
    `  HTTPS: ${cached ? 'cached' : 'new'} self-signed certificate for ${hosts.join(', ')}` +
      `\n         SHA-256 ${fingerprint} (${join(dir, CERT_FILE)})`,
  )
  return files
}
