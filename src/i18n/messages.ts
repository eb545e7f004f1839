// Both languages at once, for tests and tools. The app itself loads Korean only when needed.
import en from './en.ts'
import ko from './ko.ts'

export const messages = { en, ko }
