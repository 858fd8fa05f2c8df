export default {
  ok: '确定',
  cancel: '取消',
  save: '保存',
  close: '关闭',
  retry: '重试',
  loading: '加载中…',
  none: '无',
}
