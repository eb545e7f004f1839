// Diagnostics screen and "Copy report" (mounted under the `diag` key). "stable" names are used
// by tests and by support staff reading reports: keep them.
export default {
  heading: 'Diagnostics',
  intro:
    'What support needs to know about this device, this browser and the connection to BioStar. The report holds no password and no session key.',
  copy: 'Copy report', // stable
  copied: 'Report copied. Paste it into your message to support.',
  copyFailed: 'This browser did not allow copying. Select the report below and copy it.',
  reportLabel: 'Report text',
  reportTitle: 'Photo Desk diagnostics',
  created: 'Created: {time}',
  yes: 'yes', // stable
  no: 'no', // stable
  checking: 'Checking…',
  unknown: 'unknown',
  sections: {
    connection: 'Connection',
    session: 'Session',
    camera: 'Camera',
    app: 'App',
    browser: 'Browser',
  },
  secure: {
    label: 'Secure context', // stable
    fix: 'Cameras, copying and the offline copy need HTTPS. Open {url} instead. On the computer that runs Photo Desk, http://localhost also works.',
  },
  server: {
    label: 'BioStar server', // stable
    ok: 'answers in {ms} ms (median of {count})', // stable
    odd: 'answers, but not like BioStar 2 does: {message}',
    down: 'does not answer: {message}',
    notChecked: 'not checked yet',
    checkAgain: 'Check again',
  },
  mode: {
    label: 'Server type',
    demo: 'demo (the built-in simulator)',
    real: 'BioStar 2 server',
  },
  network: {
    label: 'Network',
    online: 'online',
    offline: 'offline: this device has no network',
  },
  session: {
    label: 'Session',
    signedIn: 'signed in as {name} ({loginId})',
    signedOut: 'not signed in',
    expired: 'expired: sign in again',
    lastActivity: 'Last activity',
    justNow: 'just now',
    none: 'none yet in this tab',
    expires: 'Expires',
    expiresAfter: 'after ~{minutes} min of inactivity (server setting)',
    timeLeft: 'about {minutes} min left if nothing is done',
    expiresHelp:
      'BioStar ends a session after a period without requests (60 minutes unless an administrator changed it). Photo Desk then asks for the password again.',
  },
  camera: {
    permission: 'Camera permission',
    granted: 'allowed',
    denied: 'blocked',
    prompt: 'not asked yet',
    unknownPermission: 'the browser does not say',
    found: 'Cameras found',
    notChecked: 'press Check camera to see them',
    none: 'none',
    noApi: 'none: this browser gives pages no camera access here',
    list: '{count}: {names}',
    unnamedCount: '{count} (names appear after Check camera)',
    unnamed: 'Camera {n}',
    check: 'Check camera', // stable
    checkingCamera: 'Asking for the camera…',
    problem: 'Last check',
  },
  app: {
    version: 'Version', // stable
    worker: 'Offline copy',
    workerDev: 'off in development mode',
    workerUnsupported: 'not available: needs HTTPS',
    workerNone: 'not installed yet',
    workerInstalling: 'being installed',
    workerActive: 'installed, version {version}: used from the next page load',
    workerControlling: 'installed and in use, version {version}',
    workerError: 'could not be installed: {message}',
    storage: 'Storage used',
    storageValue: '{used} of {quota}',
  },
  browser: {
    agent: 'Browser',
    language: 'Language',
    screen: 'Screen',
    screenValue: '{width}×{height} px, pixel ratio {ratio}, window {innerWidth}×{innerHeight}',
    openedAs: 'Opened as',
    installed: 'installed app',
    tab: 'browser tab',
  },
}
