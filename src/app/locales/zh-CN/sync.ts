export default {
  offline: '离线',
  offlineLabel: '当前没有网络，填写的内容先保存在本机，有网后自动发送',
  unsent: '未发送 {n}',
  unsentLabel: '有 {n} 条更改还没有发送到服务器',
}
