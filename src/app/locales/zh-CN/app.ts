export default {
  title: '乡村夜话',
  shortTitle: '夜话',
  back: '返回',
  nav: {
    label: '主导航',
    suggestions: '意见',
    settings: '我的',
  },
  pages: {
    suggestions: '意见建议',
    suggestionNew: '提意见',
    enrol: '登记本机',
    settings: '我的',
    sync: '同步',
    notFound: '页面不存在',
  },
  notFound: {
    text: '没有找到这个页面，可能链接有误。',
    home: '回到首页',
  },
  update: {
    ready: '新版本已就绪',
    apply: '更新',
    later: '稍后',
    deferred: '正在填写的内容保存或关闭后，自动更新',
    applying: '正在更新…',
    offlineReady: '已可离线使用',
    dismiss: '知道了',
  },
}
