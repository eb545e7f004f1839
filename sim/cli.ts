// Standalone BioStar 2 simulator: `npm run sim`.
// SIM_PORT (default 8790), SIM_HOST (default 127.0.0.1), SIM_TLS=1 for a self-signed https
// certificate, SIM_QUIET=1 to stop logging each request; every other SIM_* variable is listed
// in env.ts.
import { generate } from 'selfsigned'
import { createSimulator, optionsFromEnv } from './index.ts'

async function selfSignedCert(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  })
  return { key: pems.private, cert: pems.cert }
}

async function main(): Promise<void> {
  const env = process.env
  const port = Number(env.SIM_PORT ?? 8790)
  const host = env.SIM_HOST ?? '127.0.0.1'
  const quiet = /^(1|true)$/i.test(env.SIM_QUIET ?? '')
  const sim = createSimulator({
    ...optionsFromEnv(env),
    log: quiet ? undefined : (line) => console.log(`[sim] ${line}`),
  })
  const tls = /^(1|true|yes|on)$/i.test(env.SIM_TLS ?? '') ? await selfSignedCert() : undefined
  const server = await sim.listen({ port, host, tls })

  console.log(`BioStar 2 simulator listening on ${server.url}/api`)
  if (tls) console.log('  (self-signed certificate for localhost and 127.0.0.1)')
  console.log(`  data file: ${sim.options.dataFile ?? 'none (changes live in memory)'}`)
  for (const op of sim.operators)
    console.log(`  sign in: ${op.loginId} / ${op.password} (${op.role})`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping the simulator`)
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
