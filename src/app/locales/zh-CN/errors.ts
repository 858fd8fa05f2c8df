export default {
  notSaved: '没有保存：{reason}',
  storage: {
    quota: '手机存储空间不足。请清理手机空间（照片、视频、不用的应用）后再试。',
    unavailable: '浏览器不允许本应用保存数据（可能开了无痕或隐私模式）。请用普通模式打开，否则记录无法保存。',
    closed: '应用已在别的窗口更新。请刷新页面后再保存。',
    unknown: '手机存储出了问题。请再试一次。',
  },
  rejection: {
    invalid_args: '内容不符合要求',
    unknown_mutation: '应用版本过旧，请更新后再试',
    forbidden: '您的身份不能做这个操作',
    out_of_scope: '这不是您所在村的事项',
    not_found: '找不到这条记录，可能已被删除',
    illegal_transition: '这件事的状态已经变了，不能再这样操作',
    conflict: '这条记录已经存在',
  },
  read: {
    message: '没能读出手机上的数据：{reason}',
    retry: '重试',
  },
  reload: {
    message: '应用已在别的窗口更新，请刷新后继续。',
    action: '刷新',
  },
}
