// The Settings screen's strings (mounted under `settings`), loaded with that screen.
export default {
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
  samePersonCheck: 'Check it is the same person',
  samePersonCheckHint:
    'Compares the new picture with the current photo and warns when they may show different people. Needs face guidance.',
  autoCapture: 'Capture automatically',
  autoCaptureHint:
    'Takes the photo by itself when every check has passed for one second, after a visible countdown.',
  kiosk: 'Kiosk mode',
  kioskHint:
    'Full screen, large buttons, only the desk: no menu, no search, no Remove or Undo; after each save the desk resets for the next person. Leaving it or signing out asks for your password.',
  kioskLocale: 'Kiosk language',
  kioskLocaleAny: 'Visitors choose',
  kioskLocaleHint:
    'A language chosen here is the only one in kiosk mode, and the language menu is hidden.',
  idleLock: 'Sign out when idle (minutes)',
  idleLockHint:
    'After this long with no key press, no touch and no work with BioStar (a running batch import counts), a one-minute countdown comes, then Photo Desk signs out. 0 turns it off.',
  timeout: 'Server timeout (seconds)',
  reset: 'Restore defaults',
  saved: 'Settings saved.',
  siteLocked: 'Set by your site',
  siteIntro:
    'Settings marked “Set by your site” come from the site’s settings file; this station cannot change them.',
}
