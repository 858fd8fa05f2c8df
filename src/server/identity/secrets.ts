import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto'

/** Hex SHA-256: device tokens (32 random bytes, not to be guessed) are stored only as this hash. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A new 8-digit enrolment code as shown to people, e.g. `4829-1375`. */
export function newEnrolmentCode(): string {
  const digits = randomInt(0, 100_000_000).toString().padStart(8, '0')
  return `${digits.slice(0, 4)}-${digits.slice(4)}`
}

const digitsOf = (code: string) => code.replace(/[\s-]/g, '')

/**
 * The hash an enrolment code is stored under: HMAC-SHA-256 with the server's code key (see
 * `codeKey.ts`), so that a copy of the database does not give the codes away (all 10^8 8-digit
 * codes hash in minutes without the key). Dashes and spaces do not matter.
 */
export function hashEnrolmentCode(key: Uint8Array, code: string): string {
  return createHmac('sha256', key).update(digitsOf(code)).digest('hex')
}

/** How codes were stored before they were keyed (unsalted SHA-256): such a code is still honoured until it lapses. */
export function legacyEnrolmentCodeHash(code: string): string {
  return sha256(digitsOf(code))
}

/** A new device token: 32 random bytes, base64url. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url')
}
