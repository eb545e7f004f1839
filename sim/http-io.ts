import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Reply } from './types.ts'

export interface RawBody {
  bytes: Buffer
  tooLarge: boolean
}

/** Reads the whole body, keeping at most `limit` bytes (the rest is drained, not stored). */
export function readBody(req: IncomingMessage, limit: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      if (!tooLarge) chunks.push(chunk)
    })
    req.on('end', () =>
      resolve({ bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }),
    )
    req.on('error', reject)
    // A client that hangs up mid-upload never sends 'end'; without this the request would hang.
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the connection mid-request'))
    })
  })
}

/** JSON exactly as a stock BioStar answers it: no CORS headers, UTF-8 content type. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return
  const text = Buffer.from(JSON.stringify(reply.body), 'utf8')
  res.writeHead(reply.status, {
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
