// The desk's strings (user lookup, card, crop, photo errors too): loaded with the desk and the
// batch screen, not with the first screen. Names marked "stable" are relied on: keep them.
export default {
  desk: {
    heading: 'Enrollment desk',
    photoArea: 'Photo',
    capture: 'Capture', // stable
    retake: 'Retake', // stable
    chooseFile: 'Choose photo file', // stable
    dropHint: 'or drop a photo on the camera, or paste one (Ctrl+V)',
    dropNow: 'Drop the photo to use it',
    keysHint:
      'Type an ID and press Enter, or part of a name. Then Space captures, Enter saves, Esc retakes, Ctrl+Z undoes.',
    selectFirst: 'Find a user first, then take or choose the photo.',
    touchHint: 'Find a user, then Capture and Save.',
    emptyTitle: 'Who is next?',
    emptyBody:
      'Type a user ID or a name above and press Enter. Then Space captures and Enter saves.',
    newPhotoHint: 'Capture or choose a photo',
    viewOnly:
      'View only: your operator account can look users up but not change their photos. Ask an administrator for user write rights.',
    deviceSafeOff:
      'Device-safe mode is off: photos up to {budget} are saved, and readers keep only 16 KB. Turn it on in Settings unless your readers need no photo.',
    unsavedTitle: 'The new photo of {name} is not saved',
    unsavedBody: 'Find {id} and drop it, or keep it on the desk to save it first.',
    unsavedDiscard: 'Drop it and find {id}',
    unsavedKeep: 'Keep the photo',
    save: 'Save photo', // stable
    saveFor: 'Save photo for {name} · {id}', // stable start: "Save photo"
    saving: 'Saving…',
    remove: 'Remove photo', // stable
    removeTitle: 'Remove the photo?',
    removeBody:
      'The profile photo of {name} (ID {id}) will be removed from BioStar. You can undo this until you load the next user.',
    removeConfirm: 'Remove', // stable
    cancel: 'Cancel',
    undo: 'Undo', // stable
    dismiss: 'Dismiss',
    tryAgain: 'Try again',
    notSamePerson: 'This may not be the same person as in the current photo. Check the user ID.', // stable
    saveAnyway: 'Save anyway', // stable
    checkingPerson: 'Checking it is the same person…',
    saved: 'Photo saved for {name} (ID {id}), {size}.',
    removed: 'Photo removed for {name} (ID {id}).',
    pending:
      'Not sent yet for {name} (ID {id}): {reason} The photo is kept on this device and is sent by itself.',
    superseded: 'An earlier photo of {name} (ID {id}) was not sent: a newer one was saved.',
    undone: 'Undone: the previous photo of {name} (ID {id}) is back.',
    saveFailed: 'The photo was not saved. {reason} The photo is kept: try again.',
    preparing: 'Preparing the photo…',
    newPhoto: 'New photo', // stable (alt text)
    currentPhoto: 'Current photo', // stable (alt text)
    none: 'No photo', // the one word for an empty photo, as card.noPhoto and search.noPhoto
    asOnReader: 'As the reader shows it',
    newSize: '{size} of {budget} · {width}×{height} px · quality {quality}',
  },
  writes: {
    heading: 'Recent saves',
    person: '{name} · {id}',
    kinds: {
      save: 'Photo',
      remove: 'Removal',
      undo: 'Undo',
      batch: 'Batch',
      'visual-face': 'Visual Face',
    },
    states: {
      queued: 'Waiting for its turn',
      sending: 'Sending…',
      waiting: 'Not sent yet: {reason} Trying again by itself.',
      stored: 'Saved', // stable
      refused: 'Refused by BioStar: {reason}',
      failed: 'Not sent: {reason}',
      superseded: 'Superseded by a newer photo', // stable
      discarded: 'Discarded',
      aborted: 'Not sent: stopped',
    },
  },
  lookup: {
    label: 'User ID or name', // stable start: "User ID" (getByLabel('User ID') finds it)
    idOnly: 'User ID', // stable (kiosk)
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
    fitOk: 'Photo OK for readers ({size})',
    fitProblems: {
      'too-large': 'Too large for readers ({size})',
      'not-baseline': 'Not a baseline JPEG',
      'not-jpeg': 'Not a JPEG',
    },
    makeSafe: 'Make device-safe',
    viewOnly: 'View only',
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
    eyeLine: 'Eyes',
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
