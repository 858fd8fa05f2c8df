import type { MessageSchema } from '../index'

export default {
  label: 'Photos and voice notes (optional)',
  limit: 'At most {n} photos or voice notes',
  photo: {
    take: 'Take a photo',
    pick: 'Choose from album',
    preparing: 'Preparing the photo…',
    unreadable: 'This picture cannot be read. Choose another one or take it again.',
    tooLarge: 'This file is too large (over 10 MB) and cannot be saved.',
  },
  file: {
    pick: 'Add a file (PDF, Word, Excel)',
    tooLarge: 'This file is too large (over 10 MB) and cannot be saved.',
    wrongType: 'Only PDF, Word (.docx) or Excel (.xlsx) files can be added, such as a scanned reply letter. This file is not one (or holds macros) and was not added.',
    empty: 'This file is empty and was not added.',
    unreadable: 'This file cannot be read. Choose another one and try again.',
  },
  voice: {
    start: 'Record',
    stop: 'Stop recording',
    requesting: 'Opening the microphone…',
    elapsed: 'Recording {elapsed}, at most {max}',
    denied: 'No microphone permission. Allow this site to use the microphone in the browser settings, then tap “Record”.',
    unsupported: 'This browser cannot record audio. Write it down instead, or use a newer browser.',
    failed: 'The recording did not work. Please try again.',
  },
  list: {
    label: 'Photos and voice notes added',
    photo: 'Photo {n}',
    audio: 'Voice note {n}',
    file: 'File {n}',
    fileNamed: '{name} ({size})',
    downloadFile: 'Download {name}',
    remove: 'Remove {name}',
    download: '{name}: not a photo or voice note, tap to download',
    loading: 'Loading…',
    missing: {
      offline: 'No network: it cannot be shown yet.',
      not_found: 'The server does not have this file yet (it may not be uploaded yet).',
      failed: 'It could not be loaded.',
    },
  },
  gallery: {
    titleWithFiles: 'Photos, voice notes and files',
    title: 'Photos and voice notes',
    unsent: 'Not uploaded',
  },
} satisfies MessageSchema['attachment']
