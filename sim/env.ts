import { parseLatency } from './faults.ts'
import type { Faults, FaultPhase } from './faults.ts'
import type { SimOptions } from './options.ts'

// SIM_* environment variables (all optional):
//
// | Variable               | Option              | Example / default                      |
// |------------------------|---------------------|----------------------------------------|
// | SIM_USERS              | userCount           | 20000 (default: ~60 demo users)        |
// | SIM_PHOTO_MESS         | photoMess           | 1 / 0 (default 0: demo silhouettes)    |
// | SIM_PHOTO_EVERY        | photoEvery          | 4 (with SIM_USERS: every 4th person)   |
// | SIM_USER_GROUPS        | userGroups          | 1 / 0 (default 1)                      |
// | SIM_DATA               | dataFile            | ./sim-data.json (default: memory only) |
// | SIM_SEED               | seed                | 1                                      |
// | SIM_ID_TYPE            | idType              | numeric / alphanumeric                 |
// | SIM_IDLE_TIMEOUT_MS    | idleTimeoutMs       | 3600000                                |
// | SIM_SESSION_MODE       | sessionMode         | sliding / absolute                     |
// | SIM_SINGLE_SESSION     | singleSession       | 1 / 0                                  |
// | SIM_LOCKOUT_ATTEMPTS   | lockoutAttempts     | 5 (0 disables)                         |
// | SIM_LOCKOUT_MS         | lockoutMs           | 600000                                 |
// | SIM_NOT_FOUND_STATUS   | notFoundStatus      | 400                                    |
// | SIM_NOT_FOUND_CODE     | notFoundCode        | 201                                    |
// | SIM_BAD_PHOTO_CODE     | badPhotoCode        | 65675                                  |
// | SIM_PHOTO_WHEN_ABSENT  | photoWhenAbsent     | omit / empty                           |
// | SIM_V2_TOTAL_TYPE      | v2TotalType         | number / string                        |
// | SIM_V2_SEARCH_TEXT     | v2SearchText        | 1 / 0                                  |
// | SIM_DEVICE_SAFE        | deviceSafe          | 1 / 0                                  |
// | SIM_LOGIN_FAIL_STATUS  | loginFailStatus     | 400                                    |
// | SIM_LOGIN_FAIL_CODE    | loginFailCode       | 11                                     |
// | SIM_UPLOAD_MIN_SIZE    | uploadMinSize       | 250 (default 0)                        |
// | SIM_RECORD_BODIES      | recordBodies        | 1 / 0 (default 0)                      |
// | SIM_BODY_LIMIT_BYTES   | bodyLimitBytes      | 65536                                  |
// | SIM_PHOTO_BODY_LIMIT_BYTES | photoBodyLimitBytes | 20971520                           |
// | SIM_BASE64_WHITESPACE  | base64Whitespace    | refuse / accept                        |
// | SIM_SECURITY_HEADERS   | securityHeaders     | 1 / 0 (default 1)                      |
// | SIM_LATENCY            | faults.latencyMs    | 1000-3000 or 500                       |
// | SIM_ERROR_RATE         | faults.errorRate    | 0.1                                    |
// | SIM_ERROR_STATUSES     | faults.errorStatuses| 502,503,504                            |
// | SIM_ERROR_PHASE        | faults.errorPhase   | before / after / random                |
// | SIM_DROP_RATE          | faults.dropRate     | 0.05                                   |
// | SIM_FAULTS_ON_LOGIN    | faults.faultsOnLogin| 1 / 0                                  |
// | SIM_FAULT_METHODS      | faults.methods      | PUT or PUT,POST (default: every method) |
//
// SIM_PORT, SIM_HOST and SIM_TLS belong to the standalone server (cli.ts).

function int(name: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, got "${value}"`)
  return n
}

function rate(name: string, value: string): number {
  const n = Number(value)
  if (!(n >= 0 && n <= 1)) throw new Error(`${name} must be between 0 and 1, got "${value}"`)
  return n
}

function flag(value: string): boolean {
  return /^(1|true|yes|on)$/i.test(value)
}

function oneOf<const T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${value}"`)
}

/** Reads SIM_* variables; throws on malformed values rather than silently ignoring them. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): SimOptions {
  const options: SimOptions = {}
  const faults: Partial<Faults> = {}
  const get = (name: string) => {
    const value = env[name]?.trim()
    return value ? value : undefined
  }
  let v: string | undefined
  if ((v = get('SIM_USERS'))) options.userCount = int('SIM_USERS', v)
  if ((v = get('SIM_PHOTO_MESS'))) options.photoMess = flag(v)
  if ((v = get('SIM_PHOTO_EVERY'))) options.photoEvery = int('SIM_PHOTO_EVERY', v)
  if ((v = get('SIM_USER_GROUPS'))) options.userGroups = flag(v)
  if ((v = get('SIM_DATA'))) options.dataFile = v
  if ((v = get('SIM_SEED'))) options.seed = int('SIM_SEED', v)
  if ((v = get('SIM_ID_TYPE')))
    options.idType = oneOf('SIM_ID_TYPE', v, ['numeric', 'alphanumeric'])
  if ((v = get('SIM_IDLE_TIMEOUT_MS'))) options.idleTimeoutMs = int('SIM_IDLE_TIMEOUT_MS', v)
  if ((v = get('SIM_SESSION_MODE'))) {
    options.sessionMode = oneOf('SIM_SESSION_MODE', v, ['sliding', 'absolute'])
  }
  if ((v = get('SIM_SINGLE_SESSION'))) options.singleSession = flag(v)
  if ((v = get('SIM_LOCKOUT_ATTEMPTS'))) options.lockoutAttempts = int('SIM_LOCKOUT_ATTEMPTS', v)
  if ((v = get('SIM_LOCKOUT_MS'))) options.lockoutMs = int('SIM_LOCKOUT_MS', v)
  if ((v = get('SIM_NOT_FOUND_STATUS'))) options.notFoundStatus = int('SIM_NOT_FOUND_STATUS', v)
  if ((v = get('SIM_NOT_FOUND_CODE'))) options.notFoundCode = v
  if ((v = get('SIM_BAD_PHOTO_CODE'))) options.badPhotoCode = v
  if ((v = get('SIM_PHOTO_WHEN_ABSENT'))) {
    options.photoWhenAbsent = oneOf('SIM_PHOTO_WHEN_ABSENT', v, ['omit', 'empty'])
  }
  if ((v = get('SIM_V2_TOTAL_TYPE'))) {
    options.v2TotalType = oneOf('SIM_V2_TOTAL_TYPE', v, ['string', 'number'])
  }
  if ((v = get('SIM_V2_SEARCH_TEXT'))) options.v2SearchText = flag(v)
  if ((v = get('SIM_DEVICE_SAFE'))) options.deviceSafe = flag(v)
  if ((v = get('SIM_LOGIN_FAIL_STATUS'))) options.loginFailStatus = int('SIM_LOGIN_FAIL_STATUS', v)
  if ((v = get('SIM_LOGIN_FAIL_CODE'))) options.loginFailCode = v
  if ((v = get('SIM_UPLOAD_MIN_SIZE'))) options.uploadMinSize = int('SIM_UPLOAD_MIN_SIZE', v)
  if ((v = get('SIM_RECORD_BODIES'))) options.recordBodies = flag(v)
  if ((v = get('SIM_BODY_LIMIT_BYTES'))) options.bodyLimitBytes = int('SIM_BODY_LIMIT_BYTES', v)
  if ((v = get('SIM_PHOTO_BODY_LIMIT_BYTES'))) {
    options.photoBodyLimitBytes = int('SIM_PHOTO_BODY_LIMIT_BYTES', v)
  }
  if ((v = get('SIM_BASE64_WHITESPACE'))) {
    options.base64Whitespace = oneOf('SIM_BASE64_WHITESPACE', v, ['refuse', 'accept'])
  }
  if ((v = get('SIM_SECURITY_HEADERS'))) options.securityHeaders = flag(v)
  if ((v = get('SIM_LATENCY'))) faults.latencyMs = parseLatency(v)
  if ((v = get('SIM_ERROR_RATE'))) faults.errorRate = rate('SIM_ERROR_RATE', v)
  if ((v = get('SIM_ERROR_STATUSES'))) {
    faults.errorStatuses = v.split(',').map((s) => int('SIM_ERROR_STATUSES', s.trim()))
  }
  if ((v = get('SIM_ERROR_PHASE'))) {
    faults.errorPhase = oneOf<FaultPhase>('SIM_ERROR_PHASE', v, ['before', 'after', 'random'])
  }
  if ((v = get('SIM_DROP_RATE'))) faults.dropRate = rate('SIM_DROP_RATE', v)
  if ((v = get('SIM_FAULTS_ON_LOGIN'))) faults.faultsOnLogin = flag(v)
  if ((v = get('SIM_FAULT_METHODS')))
    faults.methods = v
      .split(',')
      .map((m) => m.trim().toUpperCase())
      .filter(Boolean)
  if (Object.keys(faults).length) options.faults = faults
  return options
}
