// Face detection, face-aware crop and live quality checks. Pure functions (measures, crop,
// checks) plus the canvas glue (frame) and the detector's contract; no Vue, no workers. face-api
// itself loads only in src/workers/face.worker.ts or detector.ts's dynamic import, never here.
// The page's detector: src/workers/face-detector.ts (getFaceDetector).

export type { DetectedFace, Pixels, Point, Rect } from './types.ts'
export {
  EYES_IN_BOX,
  HEAD_PER_BOX_HEIGHT,
  HEAD_PER_EYE_TO_CHIN,
  HEAD_WIDTH_PER_HEIGHT,
  SHARPNESS_SIDE,
  faceGeometry,
  geometryFromBox,
  headRect,
  innerFaceRect,
  laplacianVariance,
  luma,
  lumaStats,
  measureLighting,
  resampleLuma,
  scaleFace,
  sharpness,
} from './measures.ts'
export type { FaceGeometry, Lighting, LumaStats } from './measures.ts'
export {
  FACE_CROP_RULE,
  chooseFace,
  cropForFace,
  faceCrop,
  idealFaceCrop,
  isOnRule,
  measureCrop,
} from './crop.ts'
export type { FaceCropReason, FaceCropResult, FaceCropRule } from './crop.ts'
export { CHECK_ORDER, GUIDE_RULES, assessFrame, loosen, maxCropHeight } from './checks.ts'
export { checksForLog, parseLogCheck } from './log-lines.ts'
export { SAME_PERSON_THRESHOLD, faceDistance, samePerson } from './match.ts'
export type { SamePerson } from './match.ts'
export { compareWithCurrent, describeCurrent, sameAsCurrentPhoto } from './compare.ts'
export type { LoggedCheck } from './log-lines.ts'
export type {
  Check,
  CheckId,
  CheckState,
  FrameAssessment,
  FrameInput,
  GuideRules,
  Instruction,
} from './checks.ts'
export { guideOval, targetHeadShare } from './oval.ts'
export type { GuideOval } from './oval.ts'
export { DEFAULT_MODEL_URL, FaceModelError } from './detector.ts'
export type {
  Backend,
  DetectOptions,
  DetectResult,
  EngineInfo,
  FaceDescription,
  FaceDetector,
} from './detector.ts'
export {
  LIVE_SEARCH_WIDTH,
  LiveSweep,
  STILL_SEARCH_WIDTH,
  aroundBox,
  livePlan,
  mergeFaces,
  stillPlans,
  tiles,
} from './search.ts'
export type { SearchRegion } from './search.ts'
export {
  LIVE_SAMPLE_WIDTH,
  STILL_INPUT_SIZES,
  STILL_SAMPLE_WIDTH,
  assessLiveFrame,
  autoCrop,
  describePhoto,
  detectInSample,
  regionSharpness,
  safeAutoCrop,
  sampleFrame,
  searchLive,
  searchStill,
  sampleLighting,
} from './frame.ts'
export type { AutoCrop, FrameSample, LiveFrame, LiveFrameOptions, Search } from './frame.ts'
export {
  VISUAL_FACE_MAX_BYTES,
  VISUAL_FACE_MAX_SIDE,
  VISUAL_FACE_MIN_SIDE,
  VISUAL_FACE_QUALITY,
  renderVisualFace,
  visualFaceSize,
} from './visual.ts'
export type { VisualFacePicture, VisualFaceState } from './visual.ts'
