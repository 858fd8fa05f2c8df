import type { MessageSchema } from '../index'

export default {
  language: {
    title: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  theme: {
    title: 'Display',
    system: 'Follow system',
    light: 'Light',
    dark: 'Dark',
  },
  member: {
    title: 'This phone',
    name: 'Name',
    village: 'Village',
    none: 'This phone is not enrolled yet',
  },
  sync: {
    title: 'Sync',
    link: 'Sync status',
    hint: 'What is still unsent, sync now, changes that were refused',
  },
  about: {
    title: 'About',
    version: 'Version',
  },
} satisfies MessageSchema['settings']
