// Patterns both the record schemas (zod) and zod-free code (the villager page) check against.

/** A Chinese mobile number (11 digits starting with 1) or a landline with its area code. */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/
