// Session log screen and its CSV export (mounted under the `log` key). "stable" names are used by
// tests and by people reading exported files: keep them.
export default {
  heading: 'Session log',
  intro:
    'Every save, removal, undo and failure of this browser session, newest first. The log stays in this tab and is wiped when you sign out.',
  empty: 'Nothing yet. Saves, removals and undos show up here as they happen.',
  export: 'Export CSV', // stable
  summary:
    '{total} entry: {ok} done, {failed} failed, {pending} waiting | {total} entries: {ok} done, {failed} failed, {pending} waiting',
  dropped:
    'The oldest entry was let go to keep the log small. | The oldest {count} entries were let go to keep the log small.',
  onlyProblems: 'Only failures and waiting photos',
  caption: 'Session log, newest first',
  noChecks: '—',
  /** The photo checks in the desk's words (face.checks.*, face.do.*). */
  checks: {
    failed: 'Failed: {list}.',
    passed: 'Passed: {list}.',
    failedWith: '{check} ({hint})',
  },
  columns: {
    time: 'Time', // stable
    operator: 'Operator', // stable
    userId: 'User ID', // stable
    name: 'Name', // stable
    action: 'Action', // stable
    bytes: 'Bytes', // stable
    checks: 'Quality checks', // stable
    result: 'Result', // stable
    message: 'Message', // stable
  },
  actions: {
    save: 'Save photo', // stable
    remove: 'Remove photo', // stable
    undo: 'Undo', // stable
    resend: 'Send waiting photo', // stable
    discard: "Discard another operator's waiting photo", // stable
    'discard-refused': 'Discard a waiting photo BioStar refused', // stable
    batch: 'Batch import', // stable
    'same-person': 'Warned: may not be the same person',
    'review-fix': 'Photo review: made device-safe', // stable
    'review-restore': 'Photo review: original restored', // stable
  },
  results: {
    ok: 'Done', // stable
    failed: 'Failed', // stable
    pending: 'Waiting to be sent', // stable
    superseded: 'Superseded by a newer photo', // stable
    aborted: 'Not sent: stopped', // stable
  },
}
