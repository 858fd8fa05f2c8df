export default {
  title: '登记这部手机',
  intro: '请输入镇街或村里给您的 8 位登记码。只需登记一次，之后没有信号也能用。',
  code: '登记码',
  codePlaceholder: '例如 4829 1375',
  submit: '登记',
  success: '登记成功，欢迎 {name}',
  failure: {
    offline: '现在没有网络。登记需要联网一次，请到有信号的地方再试。',
    code_unknown: '登记码不对，请核对后再输入。',
    code_used: '这个登记码已经用过了，请向管理员要一个新的。',
    code_expired: '登记码已过期，请向管理员要一个新的。',
    rate_limited: '尝试次数太多，请过几分钟再试。',
    server: '服务器出了问题，请稍后再试。',
  },
  validation: {
    code: '登记码是 8 位数字',
  },
}
