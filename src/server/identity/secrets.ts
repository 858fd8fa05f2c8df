import { createHash, randomBytes, randomInt } from 'node:crypto'

/** Hex SHA-256: codes and tokens are stored only as this hash. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A new 8-digit enrolment code as shown to people, e.g. `4829-1375`. */
export function newEnrolmentCode(): string {
  const digits = randomInt(0, 100_000_000).toString().padStart(8, '0')
  return `${digits.slice(0, 4)}-${digits.slice(4)}`
}

/** The hash an enrolment code is stored under; dashes and spaces do not matter. */
export function hashEnrolmentCode(code: string): string {
  return sha256(code.replace(/[\s-]/g, ''))
}

/** A new device token: 32 random bytes, base64url. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url')
}
