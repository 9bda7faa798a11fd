import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** scrypt cost N = 2^15, r = 8, p = 3: one of the settings OWASP's Password Storage Cheat Sheet lists as its minimum (32 MiB, about 0.25 s here). */
const COST = { N: 2 ** 15, r: 8, p: 3 } as const
const KEY_LENGTH = 32
const SALT_LENGTH = 16

/** Shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 10

function deriveKey(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/** Hashes a password as `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const key = await deriveKey(password, salt, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * Whether `password` matches a stored hash, compared in constant time. A
 * malformed hash never matches. The cost is read from the hash, so raising
 * {@link COST} later keeps old passwords working.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false
  const salt = Buffer.from(parts[4]!, 'base64url')
  const expected = Buffer.from(parts[5]!, 'base64url')
  if (expected.length !== KEY_LENGTH) return false
  const key = await deriveKey(password, salt, { N, r, p })
  return timingSafeEqual(key, expected)
}

/** A hash of a random password, verified against when the user name is unknown so both cases take the same time. */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'))
  return decoyHash
}

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A random 16-character password without look-alike characters (about 93 bits). */
export function generatePassword(length = 16): string {
  let password = ''
  for (let i = 0; i < length; i++) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]
  return password
}

/** Why a new password is refused, or `null` when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`
  if ([...password].length > 200) return 'the password must have at most 200 characters'
  if (password.toLowerCase().includes(username.toLowerCase())) return 'the password must not contain the user name'
  if (new Set(password).size < 4) return 'the password must use at least 4 different characters'
  return null
}
