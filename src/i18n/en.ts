// English UI strings. Names marked "stable" are relied on by people and automation: keep them.
export default {
  app: {
    title: 'Photo Desk',
    demoBadge: 'Demo server',
    demoBadgeHint: 'Answers come from the built-in BioStar 2 simulator, not a real server.',
    skipToContent: 'Skip to content',
    language: 'Language',
    updateReady: 'A new version of Photo Desk is ready.',
    reload: 'Reload', // stable
    loadFailed: 'This screen could not be loaded. Check the network connection, then try again.',
    loadRetry: 'Try again', // stable
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
  },
  nav: {
    label: 'Main',
    desk: 'Desk',
    batch: 'Batch import',
    settings: 'Settings',
    log: 'Session log',
    diagnostics: 'Diagnostics',
    menu: 'Menu',
  },
  settings: {
    heading: 'Settings',
    intro: 'These settings are kept in this browser.',
    photo: 'Profile photo',
    aspect: 'Crop shape',
    aspectSquare: 'Square (1:1)',
    aspectPortrait: 'Portrait (3:4)',
    maxSide: 'Longest side (pixels)',
    maxSideHint: 'From 200 to 1024. Readers show about 400 px.',
    maxBytes: 'Size budget (bytes)',
    maxBytesHint: 'The reader keeps the photo in a 16,384-byte slot; 16,000 leaves a margin.',
    deviceSafe: 'Device-safe mode',
    deviceSafeHint:
      'On: a photo can never be larger than the reader’s 16,384-byte slot. Turn off only for servers whose photos never go to readers.',
    deviceSafeOffWarning:
      'Device-safe mode is off: photos over 16,384 bytes will not show on readers.',
    server: 'BioStar server',
    idType: 'User ID type',
    idNumeric: 'Numbers (1 to 4294967294)',
    idAlphanumeric: 'Letters, digits, - and _ (up to 32)',
    idTypeHint: 'Must match Settings > Server > User ID Type in BioStar.',
    station: 'This station',
    faceGuide: 'Face guidance',
    faceGuideHint:
      'Checks the picture live (face, light, sharpness) and crops to the face. Runs on this device; nothing leaves it.',
    autoCapture: 'Capture automatically',
    autoCaptureHint:
      'Takes the photo by itself when every check has passed for one second, after a visible countdown.',
    kiosk: 'Kiosk mode',
    kioskHint:
      'Full screen, large buttons, no menu; after each save the desk resets for the next person. Leaving it asks for your password.',
    timeout: 'Server timeout (seconds)',
    reset: 'Restore defaults',
    saved: 'Settings saved.',
  },
  kiosk: {
    exit: 'Exit kiosk mode',
    exitTitle: 'Exit kiosk mode',
    exitBody: 'Enter the operator password to leave kiosk mode.',
    password: 'Password',
    next: 'Next person in {seconds} s…',
  },
  header: {
    signedInAs: 'Signed in as {name}',
    signOut: 'Sign out', // stable
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
    unknown: 'Something went wrong: {message}',
  },
  connection: {
    pending: '{count} photo waiting to be sent | {count} photos waiting to be sent',
    pendingFailed: 'BioStar refused the photo of {name} (ID {id}) saved offline. {reason}',
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
  desk: {
    heading: 'Enrollment desk',
    photoArea: 'Photo',
    capture: 'Capture', // stable
    retake: 'Retake', // stable
    chooseFile: 'Choose photo file', // stable
    dropHint: 'or drop a photo here, or paste one (Ctrl+V)',
    dropNow: 'Drop the photo to use it',
    keysHint: 'Keys: Enter finds, Space captures, Enter saves, Esc retakes.',
    selectFirst: 'Find a user first, then take or choose the photo.',
    save: 'Save photo', // stable
    saving: 'Saving…',
    remove: 'Remove photo', // stable
    removeTitle: 'Remove the photo?',
    removeBody:
      'The profile photo of {name} (ID {id}) will be removed from BioStar. You can undo this until you load the next user.',
    removeConfirm: 'Remove', // stable
    cancel: 'Cancel',
    undo: 'Undo', // stable
    tryAgain: 'Try again',
    saved: 'Photo saved for {name} (ID {id}), {size}.',
    removed: 'Photo removed for {name} (ID {id}).',
    pending:
      'No network: the photo of {name} (ID {id}) is kept on this device and will be sent when the network is back.',
    undone: 'Undone: the previous photo of {name} (ID {id}) is back.',
    saveFailed: 'The photo was not saved. {reason} The photo is kept: try again.',
    preparing: 'Preparing the photo…',
    newPhoto: 'New photo', // stable (alt text)
    currentPhoto: 'Current photo', // stable (alt text)
    none: 'None',
    asOnReader: 'As the reader shows it',
    newSize: '{size} of {budget} · {width}×{height} px · quality {quality}',
  },
  lookup: {
    userId: 'User ID', // stable
    find: 'Find', // stable
    problems: {
      empty: 'Type a user ID.',
      'not-a-number': 'User IDs on this server are numbers (1 to {max}). Check what you typed.',
      'out-of-range': 'User IDs go from 1 to {max}. Check what you typed.',
      'all-zeros': 'A user ID cannot be only zeros.',
      'bad-characters': 'User IDs may only have letters, digits, - and _.',
      'too-long': 'User IDs have at most 32 characters.',
    },
  },
  card: {
    label: 'User {name}',
    currentPhoto: 'Current photo', // stable (alt text)
    noPhoto: 'No photo',
    noName: '(no name)',
    id: 'ID {id}',
    disabled: 'Disabled',
    expired: 'Expired',
  },
  crop: {
    label: 'Crop: drag to move, wheel or pinch to zoom, arrow keys to nudge',
    tools: 'Crop tools',
    rotateLeft: 'Rotate left',
    rotateRight: 'Rotate right',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    hint: 'Drag to move · wheel or pinch to zoom',
  },
  photoErrors: {
    empty: 'This file is empty (0 bytes). Choose the photo again.',
    'too-large-bytes': 'This file is {size}; the limit is 25 MB. Use a smaller photo.',
    'too-many-pixels':
      'This picture has {megapixels} megapixels; the limit is 50. Use a smaller photo.',
    heic: 'HEIC photos (from iPhones) cannot be read here. Convert it to JPEG first, or set the camera to “Most Compatible”.',
    gif: 'GIF files are not accepted. Use a JPEG or PNG photo.',
    svg: 'SVG drawings are not accepted. Use a JPEG or PNG photo.',
    unsupported:
      'This is not a JPEG, PNG or WebP picture, whatever its name says. Choose a photo file.',
    'unreadable-header':
      'This picture file is damaged or incomplete. Choose it again or use another file.',
    'decode-failed':
      'This picture could not be read; the file may be damaged or cut short. Use another file.',
    'render-failed': 'The photo could not be prepared. Try a smaller picture.',
    'encode-failed': 'This browser could not make a JPEG of the photo. Try another browser.',
    'over-budget':
      'This picture cannot be made small enough for the reader ({budget}). Crop closer or use a plainer background.',
  },
}
