// English strings of the desk's name search (the list under the lookup field), mounted by src/i18n
// under `search` (t('search.results')). The field's own label is `lookup.label` in desk.en.ts.
export default {
  hint: 'Type an ID and press Enter, or part of a name: Up and Down choose, Enter picks, Esc closes.',
  results: 'Matching users',
  progressLabel: 'Loading the user list',
  loadingStart: 'Loading users…',
  loading: 'Loading users: {loaded} of {total}',
  usersInList: 'Users in the list: {count}',
  partial:
    'The server sent only {loaded} of {total} users, so some names may be missing. An ID still finds anyone.',
  loadFailed: 'The user list could not be loaded. {reason}',
  retry: 'Try again',
  noMatches: 'No matches',
  noMatchesYet: 'No matches so far; still loading users.',
  oneMatch: '1 match',
  matches: '{count} matches',
  capped: 'Showing {shown} of {count} matches — type more to narrow',
  userId: 'ID {id}',
  noGroup: 'No group',
  disabled: 'Disabled',
  expired: 'Expired',
  noPhoto: 'No photo',
  hasPhoto: 'Has photo',
}
