import zh from '@app/locales/zh-CN/followup'

type ValidationCode = keyof typeof zh.validation

function isValidationCode(code: string | undefined): code is ValidationCode {
  return code !== undefined && Object.hasOwn(zh.validation, code)
}

/** The i18n key of a coded schema message (`note_required`) on the follow-through forms. */
export function followUpValidationKey(code: string | undefined): `followup.validation.${ValidationCode}` {
  return `followup.validation.${isValidationCode(code) ? code : 'invalid'}`
}
