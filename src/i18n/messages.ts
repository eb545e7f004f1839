// Every string of both languages at once, for tests and tools. The app itself loads Korean and
// each screen's strings only when needed (src/i18n/index.ts).
import en from './en.ts'
import ko from './ko.ts'
import deskEn from './desk.en.ts'
import deskKo from './desk.ko.ts'
import settingsEn from './settings.en.ts'
import settingsKo from './settings.ko.ts'
import cameraEn from './camera.en.ts'
import cameraKo from './camera.ko.ts'
import faceEn from './face.en.ts'
import faceKo from './face.ko.ts'
import searchEn from './search.en.ts'
import searchKo from './search.ko.ts'
import batchEn from './batch.en.ts'
import batchKo from './batch.ko.ts'
import diagEn from './diag.en.ts'
import diagKo from './diag.ko.ts'
import logEn from './log.en.ts'
import logKo from './log.ko.ts'
import progressEn from './progress.en.ts'
import progressKo from './progress.ko.ts'

export const messages = {
  en: {
    ...en,
    ...deskEn,
    settings: settingsEn,
    camera: cameraEn,
    face: faceEn,
    search: searchEn,
    batch: batchEn,
    diag: diagEn,
    log: logEn,
    progress: progressEn,
  },
  ko: {
    ...ko,
    ...deskKo,
    settings: settingsKo,
    camera: cameraKo,
    face: faceKo,
    search: searchKo,
    batch: batchKo,
    diag: diagKo,
    log: logKo,
    progress: progressKo,
  },
}
