// The photo pipeline: file intake -> decode -> crop -> render -> budgeted JPEG -> base64.
// Pure functions, no Vue; runs in a Worker too (OffscreenCanvas when present).

export { ACCEPT_ATTRIBUTE, inspectFile } from './intake.ts'
export type { AcceptedType, FileCheck, RejectDetail, RejectReason } from './intake.ts'
export { SNIFF_BYTES, sniffImageType } from './sniff.ts'
export type { ImageType } from './sniff.ts'
export { imageSize, readHeaderSize } from './header.ts'
export type { HeaderRead, ImageSize } from './header.ts'
export { jpegInfo, scanJpeg } from './jpeg-info.ts'
export type { JpegInfo, JpegScan } from './jpeg-info.ts'
export { deviceFit } from './device-fit.ts'
export type { DeviceFit, DeviceProblem } from './device-fit.ts'
export {
  DEVICE_PHOTO_LIMIT,
  MAX_CANVAS_PIXELS,
  MAX_FILE_BYTES,
  MAX_PIXELS,
  fitsDevice,
} from './limits.ts'
export { PhotoError, isPhotoError } from './errors.ts'
export type { PhotoErrorDetail, PhotoErrorReason } from './errors.ts'
export { decodeImage } from './decode.ts'
export type { DecodeOptions } from './decode.ts'
export {
  applyMatrix,
  fromRotated,
  rotatedSize,
  rotationMatrix,
  toQuarterTurn,
  toRotated,
} from './geometry.ts'
export type { Matrix, Point, QuarterTurn, Size } from './geometry.ts'
export {
  MIN_CROP_SIDE,
  clampCrop,
  cropAspect,
  initialCrop,
  maxCropSize,
  panCrop,
  rotateQuarter,
  sourceRect,
  zoomCrop,
} from './crop.ts'
export type { Crop, CropFocus } from './crop.ts'
export {
  cropViewMatrix,
  dragToPan,
  sourceToView,
  viewToCropSpace,
  viewToSource,
} from './crop-view.ts'
export { createCanvas, releaseCanvas, sourceSize } from './canvas.ts'
export type { PhotoCanvas, PhotoContext2D, SizedImageSource } from './canvas.ts'
export { renderCrop } from './render.ts'
export {
  BUDGET_DEFAULTS,
  browserJpegEncoder,
  budgetSides,
  encodeWithinBudget,
  highestFitting,
  sizeForSide,
} from './encode.ts'
export type { BudgetAttempt, BudgetOptions, EncodedPhoto, JpegEncoder, Renderer } from './encode.ts'
export {
  base64ByteLength,
  base64ToBlob,
  base64ToBytes,
  base64ToDataUrl,
  blobToBase64,
  cleanBase64,
  mimeForType,
} from './base64.ts'
export { DEFAULT_PHOTO_SETTINGS } from './settings.ts'
export type { PhotoSettings } from './settings.ts'
export { preparePhoto } from './prepare.ts'
export type { PreparedPhoto } from './prepare.ts'
