// English UI strings. Names marked "stable" are relied on by people and automation: keep them.
export default {
  app: {
    title: 'Photo Desk',
    demoBadge: 'Demo server',
    demoBadgeHint: 'Answers come from the built-in BioStar 2 simulator, not a real server.',
    skipToContent: 'Skip to content',
    language: 'Language',
    updateReady:
      'A new version of Photo Desk is ready. Reload when it suits you: this page keeps working until then.',
    reload: 'Reload', // stable
    loadFailed: 'This screen could not be loaded. Check the network connection, then try again.',
    loadRetry: 'Try again', // stable
    languageFailed: '{language} could not be loaded. Check the connection, then choose it again.',
  },
  signIn: {
    heading: 'Sign in to BioStar 2',
    loginId: 'Login ID', // stable
    password: 'Password', // stable
    submit: 'Sign in', // stable
    submitting: 'Signing in…',
    demoHint: 'Demo mode: sign in as {loginId} with password {password}.',
    demoOperator: '{loginId} / {password} ({role})',
    demoTitle: 'Demo operators',
    required: 'Enter your login ID and password.',
    diagnostics: 'Trouble signing in or with the camera? Open diagnostics',
    siteProblems:
      'For administrators: the site settings file (photo-desk.json) has a problem. Photo Desk uses its valid settings. | For administrators: the site settings file (photo-desk.json) has {count} problems. Photo Desk uses its valid settings.',
    siteDetails: 'Details in Diagnostics',
  },
  nav: {
    label: 'Main',
    desk: 'Desk',
    batch: 'Batch import',
    settings: 'Settings',
    log: 'Session log',
    review: 'Photo review',
    diagnostics: 'Diagnostics',
    menu: 'Menu',
  },
  kiosk: {
    exit: 'Exit kiosk mode',
    exitTitle: 'Exit kiosk mode',
    exitBody: 'Enter the operator password to leave kiosk mode.',
    password: 'Password',
    next: 'Next person in {seconds} s…',
    cancel: 'Cancel',
  },
  header: {
    signedInAs: 'Signed in as {name}',
    signOut: 'Sign out', // stable
  },
  signOut: {
    title: 'Sign out',
    waiting:
      '{count} photo has not reached BioStar yet. If you sign out now, Photo Desk tries once more to send it unless BioStar refused it, then discards it. | {count} photos have not reached BioStar yet. If you sign out now, Photo Desk tries once more to send those BioStar has not refused, then discards the rest.',
    password: 'Enter the operator password to sign out.',
    allSent: 'Every photo has been sent now.',
    confirm: 'Sign out', // stable
    cancel: 'Cancel',
  },
  idle: {
    title: 'Still there?',
    body: 'Nobody has used Photo Desk for a while: it signs out in {seconds} s.',
    hint: 'Press any key or touch the screen to stay signed in.',
    stay: 'Stay signed in', // stable
  },
  expired: {
    title: 'Session expired', // stable
    body: 'Your BioStar session ended. Enter the password for {loginId} to carry on where you were.',
    password: 'Password', // stable
    submit: 'Sign in', // stable
    cancel: 'Sign out',
  },
  errors: {
    credentials: 'The login ID or password is wrong. Check them and try again.',
    locked:
      'This account is locked after too many failed sign-ins. Wait, or ask a BioStar administrator to unlock it.',
    permission:
      'Your BioStar operator level does not allow this. Ask an administrator for user write rights.',
    session: 'Your session has ended. Sign in again.',
    notFound: 'No user with this ID exists in BioStar. Check the ID.',
    rejected: 'BioStar refused the request: {message} (code {code}).',
    unreachable:
      'The BioStar server cannot be reached. Check the network; Photo Desk keeps trying.',
    unreachableServer:
      'Photo Desk cannot reach the BioStar server at {server}. Check that it is running and that the address is right.',
    refused:
      'The proxy did not send this request to BioStar: only plain /api/ paths are forwarded. This is a fault in Photo Desk, not in BioStar; the proxy log names the path.',
    offline: 'This device is offline. Reconnect to the network and try again.',
    tls: 'The BioStar server at {server} answered, but its certificate was not accepted. Check BIOSTAR_CA, or remove it to accept the self-signed certificate.',
    timeout:
      'BioStar did not answer in time. Try again; if it keeps happening, check the server load and network.',
    server: 'The BioStar server had a problem (HTTP {status}). Try again in a moment.',
    badResponse:
      'The server sent an answer Photo Desk does not understand (HTTP {status}). Is /api really proxied to BioStar 2?',
    noSessionHeader:
      'BioStar accepted the sign-in but sent no session id. The proxy in front of BioStar must pass the bs-session-id header.',
    aborted: 'The request was cancelled.',
    invalidId:
      'Photo Desk does not send the user ID “{message}” to BioStar: a user ID has only letters, digits, - and _ (at most 32).',
    unknown: 'Something went wrong: {message}',
  },
  connection: {
    pending: '{count} photo waiting to be sent | {count} photos waiting to be sent',
    pendingFailed: 'BioStar refused the photo of {name} (ID {id}). {reason}',
    tryAgain: 'Try again',
    pendingOther:
      '{count} photo saved offline by {name} waits until they sign in here | {count} photos saved offline by {name} wait until they sign in here',
    pendingUnknown:
      '{count} photo saved offline by an unknown operator (an older Photo Desk) is kept here and will not be sent | {count} photos saved offline by an unknown operator (an older Photo Desk) are kept here and will not be sent',
    discard: 'Discard…', // stable
    discardTitle: 'Discard {count} photo saved offline? | Discard {count} photos saved offline?',
    discardBody:
      'The {count} photo {name} saved offline will be deleted from this device without being sent to BioStar. This cannot be undone. | The {count} photos {name} saved offline will be deleted from this device without being sent to BioStar. This cannot be undone.',
    discardUnknownBody:
      'The {count} photo of an unknown operator will be deleted from this device without being sent to BioStar. This cannot be undone. | The {count} photos of an unknown operator will be deleted from this device without being sent to BioStar. This cannot be undone.',
    discardRefusedTitle: 'Discard the photo of {name}?',
    discardRefusedBody:
      'The photo of {name} (ID {id}) that BioStar refused will be deleted from this device without being sent. This cannot be undone.',
    discardConfirm: 'Discard', // stable
    keep: 'Keep',
    retrying: 'Connection problem, retrying ({attempt} of {max})…',
    down: 'Server unreachable. Photo Desk will reconnect by itself.',
    back: 'Connected again.',
  },
}
