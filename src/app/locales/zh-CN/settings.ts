export default {
  language: {
    title: '语言',
    'zh-CN': '中文',
    en: 'English',
  },
  theme: {
    title: '显示模式',
    system: '跟随系统',
    light: '浅色',
    dark: '深色',
  },
  member: {
    title: '本机登记',
    name: '姓名',
    village: '所在村',
    none: '本机尚未登记',
  },
  sync: {
    title: '同步',
    link: '同步情况',
    hint: '看看还有没有没发出去的更改，立即同步，查看没有被接受的更改',
  },
  about: {
    title: '关于',
    version: '版本',
  },
}
