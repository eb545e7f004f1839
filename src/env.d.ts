/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by the dev/preview plugin: "demo" when the built-in simulator answers /api. */
  readonly VITE_APP_VERSION: string
}
