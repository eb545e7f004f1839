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
    settings: 'Settings',
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
  site: {
    label: 'Site settings file', // stable
    none: 'none: the built-in defaults apply',
    notRead: 'could not be read: the built-in defaults apply',
    read: 'read (values: {values}, locked: {locked}).',
    problems: 'It has a problem; the rest applies. | It has {count} problems; the rest applies.',
    fix: 'Correct photo-desk.json next to the app (docs/deploying.md, "Site settings"); stations take it at their next start.',
    file: 'File',
    unreadable: 'No answer in time, or no network.',
    unreadableStatus: 'The server answered HTTP {status}.',
    notJson: 'Not valid JSON: nothing in the file applies.',
    notObject: 'Not a JSON object of settings: nothing in the file applies.',
    unknownKey: 'No such setting: ignored.',
    notBoolean: '{value} is not true or false: ignored.',
    notNumber: '{value} is not a number: ignored.',
    range: '{value} is not a whole number from {min} to {max}: ignored.',
    notChoice: '{value} is not one of {values}: ignored.',
    overSlot:
      '{value} is over the reader’s 16,384-byte slot while device-safe mode is on: ignored. Set "deviceSafe": false too, or a smaller budget.',
    lockedType: '{value} is not a list of setting names: ignored.',
    lockedUnknown: '{value} is no setting: ignored.',
    on: 'on',
    off: 'off',
    empty: '(none)',
    from: {
      'built-in': 'built in',
      site: 'site',
      station: 'this station',
    },
    fromLocked: 'site, locked',
  },
}
