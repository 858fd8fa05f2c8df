export default {
  title: 'Enrol this phone',
  intro: 'Enter the 8-digit enrolment code from your township or village. You only enrol once; after that the app works without signal.',
  code: 'Enrolment code',
  codePlaceholder: 'e.g. 4829 1375',
  submit: 'Enrol',
  success: 'Enrolled. Welcome, {name}',
  failure: {
    offline: 'No network right now. Enrolling needs a connection once; please try where there is signal.',
    code_unknown: 'That code is not right. Please check it and try again.',
    code_used: 'This code has already been used. Ask your administrator for a new one.',
    code_expired: 'This code has expired. Ask your administrator for a new one.',
    rate_limited: 'Too many attempts. Please try again in a few minutes.',
    server: 'The server has a problem. Please try again later.',
  },
  validation: {
    code: 'The code has 8 digits',
  },
}
