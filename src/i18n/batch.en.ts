// Batch import screen. Names marked "stable" are relied on by tests and people: keep them.
export default {
  heading: 'Batch import',
  intro:
    'Register many profile photos at once. Name each file by the user ID, for example {examples}. Every photo is checked, cropped and made reader-safe like at the desk before anything is sent.',
  examples: '12345.jpg, 12345_anything.jpg or 12345 - Jane Doe.png',
  noWrite:
    'Batch import changes users in BioStar, and your operator level ({level}) does not allow that. Ask a BioStar administrator for user write rights.',
  intake: 'Add photos',
  chooseFiles: 'Choose photo files', // stable
  chooseFolder: 'Choose a folder', // stable
  dropHint: 'or drop photo files or a whole folder here',
  dropNow: 'Drop to add the photos',
  reading: 'Reading the folder…',
  truncated:
    'Some files were left out: a batch takes up to {max} files, and folders up to {depth} levels deep.',
  removedOther:
    'A batch left in this browser by {owner} ({files} file, {unsent} not sent) was removed: it belonged to another operator. The photo file itself is untouched. | A batch left in this browser by {owner} ({files} files, {unsent} not sent) was removed: it belonged to another operator. The photo files themselves are untouched.',
  restored:
    'The batch from before the reload is back ({count} file). A photo that was not prepared yet must be added again. | The batch from before the reload is back ({count} files). Photos that were not prepared yet must be added again.',
  options: 'Options',
  overwrite: 'Overwrite existing photos',
  overwriteHint:
    '{count} of the users already has a photo. It is skipped unless this is on. | {count} of the users already have a photo. They are skipped unless this is on.',
  faceCrop: 'Crop around the face',
  faceCropHint: 'Centres each crop on the face where one is found; otherwise on the picture.',
  faceCropUnavailable:
    'Face-aware crop is not available here, so photos are cropped at the centre.',
  concurrency: 'Photos sent at once',
  encoding: 'Photos are made as at the desk: {shape}, {side} px, at most {budget}.',
  square: 'square',
  portrait: 'portrait 3:4',
  changeSettings: 'Change in Settings',
  actions: 'Batch actions',
  upload: 'Upload all', // stable
  pause: 'Pause', // stable
  resume: 'Resume', // stable
  cancel: 'Cancel', // stable
  retryFailed: 'Retry failed', // stable
  clear: 'Clear list',
  download: 'Download report', // stable
  readyCount: '{count} ready to send',
  progress: 'Upload progress', // stable
  progressText: '{done} of {total} sent',
  progressValue:
    '{done} of {total} photo sent, {failed} failed | {done} of {total} photos sent, {failed} failed',
  failedCount: '{count} failed',
  state: {
    idle: 'Not started',
    running: 'Sending…',
    paused: 'Paused',
    cancelled: 'Cancelled',
    done: 'Finished',
    signIn: 'Paused until you sign in again',
  },
  halted: 'The batch stopped: {reason}',
  checking: 'Checking {count} ID with BioStar… | Checking {count} IDs with BioStar…',
  preparing: 'Preparing {count} photo… | Preparing {count} photos…',
  summary: {
    heading: 'Summary',
    saved: 'Saved',
    skipped: 'Skipped',
    failed: 'Failed',
    notSent: 'Not sent',
    done: 'Batch finished: {saved} saved, {skipped} skipped, {failed} failed.',
    reasons: {
      'has-photo': 'Users who already have a photo',
      'unknown-user': 'IDs unknown to BioStar',
      duplicate: 'Files for a user named twice',
      'bad-file': 'Files that are not usable photos',
      'no-id': 'Names without a user ID',
      'missing-file': 'Files to add again after the reload',
    },
  },
  table: {
    caption: 'Files in this batch',
    photo: 'Photo',
    file: 'File',
    userId: 'User ID',
    name: 'Name',
    hasPhoto: 'Has photo',
    status: 'Status',
    yes: 'Yes',
    no: 'No',
    thumb: 'Prepared photo of {file}',
    retry: 'Retry', // stable
    retryLabel: 'Retry {file}',
    remove: 'Remove',
    removeLabel: 'Remove {file} from the batch',
    showMore: 'Show {count} more',
    empty: 'No files yet.',
    filter: 'Show',
    all: 'All ({count})',
    attention: 'Needs attention ({count})',
    failedOnly: 'Failed ({count})',
  },
  status: {
    'no-id': 'Skipped: no ID',
    'bad-file': 'Skipped: bad file',
    'missing-file': 'Skipped: file needed',
    checking: 'Checking…',
    'check-failed': 'Not checked',
    'unknown-user': 'Skipped: unknown user',
    duplicate: 'Skipped: duplicate',
    preparing: 'Preparing…',
    'has-photo': 'Skipped: has a photo',
    ready: 'Ready',
    sending: 'Sending…',
    saved: 'Saved',
    failed: 'Failed',
    cancelled: 'Not sent',
    superseded: 'Superseded by a newer photo',
    'needs-review': 'Needs review', // stable
    'different-person': 'Different person?', // stable
    'review-skipped': 'Skipped after review',
  },
  review: {
    heading: 'Needs review ({count})',
    intro:
      'These photos are sent only when you confirm them: look at the crop that would be sent and at the person.',
    confirm: 'Send it',
    confirmLabel: 'Send {file} for {name} anyway',
    skip: 'Skip',
    skipLabel: 'Do not send {file}',
    fixCrop: 'Fix crop',
    fixCropLabel: 'Fix the crop of {file}',
    editHeading: 'Crop of {file} for {name}',
    editIntro:
      'Drag the picture, zoom or turn it until the face sits on the guide, then use this crop. The file is prepared again and still waits for Send it.',
    useCrop: 'Use this crop',
    cancelCrop: 'Cancel',
    reasons: {
      'no-face': 'No face found in the picture.',
      'several-faces': 'Several faces in the picture: which one is the user?',
      'name-mismatch': 'The name in the file name is not the user’s name in BioStar.',
      'different-person': 'Different person? The face does not look like the current photo.',
    },
  },
  messages: {
    unknownUser: 'No user with ID {id} exists in BioStar. Check the file name.',
    duplicate: 'Another file is for user {id} too. Remove the wrong one; then the other is sent.',
    hasPhoto: 'This user already has a photo; turn on “Overwrite existing photos” to replace it.',
    cancelled: 'Not sent: the batch was cancelled. “Upload all” sends it.',
    missingFile:
      'The page was reloaded before this photo was prepared. Add the file again to send it.',
    checkFailed: 'The ID could not be checked. {reason}',
    superseded: 'Not sent: a newer photo of this user was saved first. Nothing needs to be done.',
  },
  nameProblems: {
    'no-id': 'The file name does not start with a user ID.',
    empty: 'The file name does not start with a user ID.',
    'not-a-number': 'User IDs on this server are numbers; the file name does not start with one.',
    'out-of-range': 'The ID in the file name is out of range (1 to 4294967294).',
    'all-zeros': 'The ID in the file name is only zeros.',
    'bad-characters': 'The ID in the file name has characters BioStar does not allow.',
    'too-long': 'The ID in the file name is longer than 32 characters.',
  },
}
