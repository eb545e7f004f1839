// Camera panel strings (mounted under the `camera` key). "stable" names are used by tests and people.
export default {
  title: 'Live camera',
  select: 'Camera', // stable: the camera picker's label
  unnamed: 'Camera {n}',
  preview: 'Live camera preview',
  start: 'Start camera', // stable
  starting: 'Starting the camera…',
  switchToRear: 'Switch to rear camera', // stable
  switchToFront: 'Switch to front camera', // stable
  guide: 'Fit the face inside the oval.',
  retry: 'Try again', // stable
  fileFallback: 'You can still choose a photo file instead.',
  errors: {
    insecure: {
      title: 'The camera needs a secure (HTTPS) connection',
      body: 'Browsers only allow cameras on pages opened over HTTPS, and this page was opened over plain HTTP.',
      fix: 'Open {url} instead. If that address does not answer, ask your administrator to enable HTTPS on the server. On the computer that runs Photo Desk, http://localhost also works.',
    },
    unsupported: {
      title: 'This browser cannot use a camera',
      body: 'It does not give web pages access to cameras.',
      fix: 'Use a current version of Chrome, Edge, Safari or Firefox.',
    },
    denied: {
      title: 'Camera access is blocked',
      body: 'The browser or the operating system did not allow Photo Desk to use the camera.',
      fix: 'Click the camera or lock icon at the left of the address bar, set Camera to Allow for this site, then press Try again. On an iPad or iPhone: Settings > Apps > Safari > Camera > Allow (otherwise Safari asks on every visit). If it stays blocked, check the camera privacy settings of the operating system.',
    },
    notFound: {
      title: 'No camera found',
      body: 'This device has no camera that the browser can use.',
      fix: 'Connect a webcam (check the cable and that it is switched on), then press Try again.',
    },
    busy: {
      title: 'The camera is in use',
      body: 'Another app or browser tab is using the camera, or the camera stopped responding.',
      fix: 'Close the other app or tab that uses the camera (a video call, another Photo Desk tab), then press Try again. If that does not help, unplug the webcam and connect it again.',
    },
    overconstrained: {
      title: 'The camera cannot give a usable picture',
      body: 'It refused every picture size Photo Desk asked for, down to the smallest.',
      fix: 'Choose another camera, or reconnect this one, then press Try again.',
    },
    unknown: {
      title: 'The camera could not start',
      body: 'The browser reported an unexpected problem.',
      fix: 'Press Try again. If it keeps happening, reload the page or restart the browser.',
    },
    detail: 'Details: {detail}',
  },
}
