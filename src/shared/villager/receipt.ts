// A villager's receipt: a short code a person can read out and type, and a secret that stays on
// the phone that submitted. The code alone follows the item (read-only status words); rating it
// also needs the secret. The server keeps only hashes of both.
import { newReceiptCode, RECEIPT_ALPHABET } from '../ids'

/** Length of a receipt code. */
export const RECEIPT_LENGTH = 8

const receiptPattern = new RegExp(`^[${RECEIPT_ALPHABET}]{${RECEIPT_LENGTH}}$`)

/** Whether `code` is a well-formed receipt code (8 characters of the unambiguous alphabet). */
export function isReceiptCode(code: string): boolean {
  return receiptPattern.test(code)
}

/**
 * The code as typed, in its stored form: upper case, without the spaces and dashes people put in
 * when they copy it in groups. Null when what is left is not a receipt code.
 *
 * @example
 * normaliseReceiptCode('abcd-efgh ') // 'ABCDEFGH'
 * normaliseReceiptCode('AB0D EFGH') // null (0 is not in the alphabet)
 */
export function normaliseReceiptCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  return isReceiptCode(code) ? code : null
}

/**
 * The code in two groups of four, as it is shown and read aloud.
 *
 * @example
 * formatReceiptCode('ABCDEFGH') // 'ABCD EFGH'
 */
export function formatReceiptCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`
}

/** A secret is 32 random bytes, base64url (43 characters). */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A new random secret (32 bytes, base64url): kept on the phone, shown to nobody. */
export function newReceiptSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)))
}

/** A new receipt: a code to read out and a secret to keep. */
export function newReceipt(): { code: string; secret: string } {
  return { code: newReceiptCode(), secret: newReceiptSecret() }
}
