// The shared progress controls (components/ProgressControls.vue), mounted under `progress`:
// batch import, the photo review's scan, fix and face pass.
export default {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  rate: '{rate} photos/s',
  secondsLeft: 'about {n} s left',
  minutesLeft: 'about {n} min left',
}
