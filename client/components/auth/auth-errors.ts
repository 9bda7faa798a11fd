import { ApiError } from '../../api/http.ts'
import type { MessageKey } from '../../i18n/catalogues.ts'
import type { Locale } from '../../state/locale.svelte.ts'
import { describeError } from '../../state/load-error.ts'

/**
 * What to tell the user when a login, password change or admin action was
 * refused: a headline in the UI language (wrong credentials for a 401 on
 * login, too many attempts for a 429, else `what`), followed by the
 * server's own words, which say which field was wrong or when to try again.
 */
export function refusalText(error: unknown, what: MessageKey, locale: Locale): string {
  const t = locale.t
  const status = error instanceof ApiError ? error.status : null
  const headline = what === 'auth.loginFailed' && status === 401 ? t('auth.wrongCredentials') : status === 429 ? t('auth.tooManyAttempts') : t(what)
  if (error instanceof ApiError && error.detail) return `${headline}${t('error.detail', { reason: error.detail })}`
  if (status === 401 || status === 429) return headline
  const failure = describeError(what, error)
  return `${headline}${t('error.detail', { reason: t(failure.why, failure.params) })}`
}
