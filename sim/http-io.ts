import type { IncomingMessage, ServerResponse } from 'node:http'
import { declaredSize } from './recorder.ts'
import type { Reply } from './types.ts'

export interface RawBody {
  bytes: Buffer
  /** Bytes received (up to the point the limit was crossed). */
  size: number
  tooLarge: boolean
}

/**
 * Reads the whole body if it fits in `limit` bytes. A larger one (by its Content-Length, or
 * once it crosses the limit) resolves at once as tooLarge, with nothing kept: the caller answers
 * 413 and `discard()`s the rest.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<RawBody> {
  if (declaredSize(req.headers) > limit) {
    return Promise.resolve({ bytes: Buffer.alloc(0), size: 0, tooLarge: true })
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      done()
      req.pause()
      chunks.length = 0
      resolve({ bytes: Buffer.alloc(0), size, tooLarge: true })
    }
    const onEnd = () => {
      done()
      resolve({ bytes: Buffer.concat(chunks), size, tooLarge: false })
    }
    const onError = (error: Error) => {
      done()
      reject(error)
    }
    // A client that hangs up mid-upload never sends 'end'; without this the request would hang.
    const onClose = () => {
      if (req.complete) return
      done()
      reject(new Error('client closed the connection mid-request'))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

/**
 * Throws away the rest of a body nobody will read, so the client gets to read the answer it
 * was already sent. One that keeps sending past `maxBytes` loses the connection.
 */
export function discard(req: IncomingMessage, maxBytes: number): void {
  if (req.readableEnded || req.destroyed) return
  let seen = 0
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > maxBytes) req.socket.destroy()
  })
  req.on('error', () => {})
  req.resume()
}

/**
 * The headers BioStar 2.9.12 and later add ("HTTP security headers for the web server",
 * biostar-api.md section 7). Which X-Frame-Options value it uses is not documented: SAMEORIGIN is
 * a guess.
 */
export const BIOSTAR_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
}

/** JSON exactly as a stock BioStar answers it: no CORS headers, UTF-8 content type. */
export function writeReply(
  res: ServerResponse,
  reply: Reply,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return
  const text = Buffer.from(JSON.stringify(reply.body), 'utf8')
  res.writeHead(reply.status, {
    ...extraHeaders,
    ...reply.headers,
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(text.length),
  })
  res.end(text)
}

/** Destroys the connection without an answer, like a crashed gateway. */
export function dropConnection(req: IncomingMessage, res: ServerResponse): void {
  res.destroy()
  req.socket.destroy()
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
