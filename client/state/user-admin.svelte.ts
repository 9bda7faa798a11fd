import {
  createUser,
  fetchUsers,
  resetUserPassword,
  updateUser,
  type AdminUser,
  type TemporaryPassword,
  type UserDraft,
  type UserEdit,
} from '../api/users.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/**
 * The users as administrators see them. Changes go through here so that the
 * list shows each user as the server last answered; refusals are thrown for
 * the form that asked to show.
 */
export class UserAdmin {
  users = $state.raw<AdminUser[]>([])
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)

  /** One user as listed. */
  find(id: number): AdminUser | null {
    return this.users.find((user) => user.id === id) ?? null
  }

  async load(signal?: AbortSignal): Promise<void> {
    this.status = 'loading'
    this.failure = null
    try {
      this.users = await fetchUsers(signal)
      this.status = 'ready'
    } catch (error) {
      if (signal?.aborted) return
      this.status = 'failed'
      this.failure = describeError('admin.users.failed', error)
    }
  }

  /** Creates a user; resolves with them and the temporary password to show once. */
  async create(draft: UserDraft): Promise<{ user: AdminUser } & TemporaryPassword> {
    const answer = await createUser(draft)
    this.#upsert(answer.user)
    return answer
  }

  /** Saves an edit; throws the server's refusal (a 409 carries the stored user, see `staleUser`). */
  async update(id: number, edit: UserEdit): Promise<AdminUser> {
    const user = await updateUser(id, edit)
    this.#upsert(user)
    return user
  }

  /** Gives a user a new temporary password, and lists them again as the server now has them. */
  async resetPassword(id: number, reason: string): Promise<string> {
    const { temporaryPassword } = await resetUserPassword(id, reason || undefined)
    void this.load()
    return temporaryPassword
  }

  /** Takes a user as the server answered with them, e.g. from a 409. */
  remember(user: AdminUser): void {
    this.#upsert(user)
  }

  #upsert(user: AdminUser): void {
    const index = this.users.findIndex((entry) => entry.id === user.id)
    this.users = index < 0 ? [...this.users, user] : this.users.map((entry, at) => (at === index ? user : entry))
  }
}
