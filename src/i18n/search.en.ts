// English strings of the user search, mounted by src/i18n under `search` (t('search.label')).
// "label" is stable: people and automation find the field by it.
export default {
  label: 'Search users', // stable
  placeholder: 'Name or user ID',
  hint: 'Type part of a name or an ID. Up and Down choose, Enter picks, Esc closes.',
  results: 'Matching users',
  refresh: 'Refresh list', // stable
  refreshing: 'Refreshing…',
  progressLabel: 'Loading the user list',
  loadingStart: 'Loading users…',
  loading: 'Loading users: {loaded} of {total}',
  usersInList: 'Users in the list: {count}',
  partial:
    'The server sent only {loaded} of {total} users, so some may be missing. Try Refresh list.',
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
