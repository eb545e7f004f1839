import type { Plugin } from 'vite'

/**
 * The Content-Security-Policy of the production build. The built app needs no inline script, no
 * eval and no inline `<style>`; 'wasm-unsafe-eval' lets it compile WebAssembly (the face
 * detector's tfjs backend, served from its own origin; it allows no JavaScript eval): Vite extracts Vue's scoped styles to CSS files, and `:style`
 * bindings go through the CSSOM, which CSP does not restrict. Photos are shown from `data:`
 * (BioStar's base64) and `blob:` (the new picture) URLs. deploy/nginx.conf sends the same value;
 * tests/e2e/deploy-nginx.test.ts checks that they match.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
}

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ')

/** Sent with every answer of the production server (nginx or `vite preview`). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The camera is the point of the app; nothing else is needed.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
  'X-Frame-Options': 'DENY',
}

/** Only over HTTPS. No includeSubDomains: other hosts of the site may still speak plain HTTP. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

/**
 * Adds the security headers in `vite preview` only. The dev server is left alone on purpose: HMR
 * needs inline scripts and eval, which this policy forbids.
 */
export function securityHeaders(): Plugin {
  return {
    name: 'photo-desk:security-headers',
    configurePreviewServer(server) {
      const https = Boolean(server.config.preview.https)
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
        if (https) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
        next()
      })
    },
  }
}
