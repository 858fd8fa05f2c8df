// An enrolment code as people type it: 8 digits, shown as 4829-1375, so spaces and dashes are
// allowed. The server's schema (`enrolmentCode` in identity.ts) and the enrol page both read a
// code with this, and the page loads no schema library for it (it is a fresh phone's first screen).

/** Longest code text taken (with its spaces and dashes). */
export const CODE_TEXT_MAX = 20

/** The 8 digits of a typed code without its spaces and dashes, or null when it is not one. */
export function codeDigits(typed: string): string | null {
  if (typed.length > CODE_TEXT_MAX) return null
  const digits = typed.replace(/[\s-]/g, '')
  return /^\d{8}$/.test(digits) ? digits : null
}
