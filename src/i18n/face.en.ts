// Smart capture strings (mounted under the `face` key). "stable" names are used by tests and people.
export default {
  /** The crop rule, shown under the crop editor. Keep in step with FACE_CROP_RULE. */
  rule: 'Auto crop: eyes on the line 40% from the top, head (crown to chin) 60% of the photo height, face centred.',
  status: {
    loading: 'Starting face guidance…',
    off: 'Face guidance is off — the centred crop is used.', // stable
    offModel: 'The face model could not be loaded.',
    offSlow: 'This device is too slow for live face guidance.',
  },
  /** One instruction at a time on the live preview. */
  do: {
    noFace: 'No face found — look at the camera', // stable
    oneFace: 'Only one person, please',
    closer: 'Move closer', // stable
    back: 'Move back', // stable
    left: 'Move left',
    right: 'Move right',
    middle: 'Step to the middle',
    up: 'Move up a little',
    down: 'Move down a little',
    faceCamera: 'Face the camera',
    straighten: 'Straighten your head',
    lightFront: 'Light from the front',
    moreLight: 'More light',
    lessLight: 'Too bright — less light',
    holdStill: 'Hold still',
  },
  good: 'Good — ready to capture', // stable
  countdown: 'Taking the photo in {n}',
  countdownLabel: 'Automatic capture',
  checks: {
    title: 'Photo checks',
    face: 'Face found',
    single: 'One person',
    size: 'Distance',
    centre: 'Centred',
    frontal: 'Facing the camera',
    level: 'Head straight',
    backlight: 'No backlight',
    exposure: 'Brightness',
    sharp: 'Sharp',
  },
  crop: {
    face: 'Cropped to the face by the rule.',
    several:
      '{n} faces found: the crop follows the largest one near the centre. Check that it is the right person.',
    noFace: 'No face found: the centred crop is used.', // stable
    offRule: 'The face is too large or too near the edge to follow the rule exactly.',
    finding: 'Finding the face…',
  },
  visual: {
    option: 'Also enroll as Visual Face', // stable
    hint: 'Sends the same picture at high resolution to BioStar, for face authentication on FaceStation F2, BioStation 3 and BioEntry W3.',
    saving: 'Enrolling the Visual Face…',
    saved: 'Visual Face enrolled.', // stable
    normalised: 'The Visual Face as BioStar normalised it',
    failed: 'Visual Face not enrolled: {reason} The profile photo was saved.', // stable
    errors: {
      resolution: 'the picture’s resolution is too low (BioStar code 30000).',
      noFace: 'BioStar found no face in the picture (code 30008).',
      tooSmall: 'the face is too small in the picture (BioStar code 30010).',
      notStraight: 'the face is not straight: turned or tilted (BioStar code 30011).',
      eyes: 'the eyes are not looking at the centre (BioStar code 30012).',
      noTemplate: 'BioStar could not make a face template from the picture.',
      tooLarge: 'the picture is over 10 MB or 4000 × 4000 pixels.',
    },
  },
}
