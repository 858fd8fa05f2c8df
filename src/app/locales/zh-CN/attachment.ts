export default {
  label: '照片和录音（可选）',
  limit: '最多 {n} 个照片或录音',
  photo: {
    take: '拍照',
    pick: '从相册选',
    preparing: '正在处理照片…',
    unreadable: '这张照片读不出来，请换一张或重新拍。',
    tooLarge: '这个文件太大（超过 10 MB），不能保存。',
  },
  voice: {
    start: '录音',
    stop: '停止录音',
    requesting: '正在打开麦克风…',
    elapsed: '正在录音 {elapsed}，最长 {max}',
    denied: '没有麦克风权限。请在浏览器设置里允许本网站使用麦克风，再点“录音”。',
    unsupported: '这个浏览器不能录音。请用文字记下，或换用新版浏览器。',
    failed: '录音没有成功，请再试一次。',
  },
  list: {
    label: '已添加的照片和录音',
    photo: '照片 {n}',
    audio: '录音 {n}',
    remove: '删除{name}',
    download: '{name}：不是照片或录音，点此下载',
    loading: '正在加载…',
    missing: {
      offline: '没有网络，暂时看不到。',
      not_found: '服务器上还没有这个文件（可能还没上传）。',
      failed: '加载失败。',
    },
  },
  gallery: {
    title: '照片和录音',
    unsent: '未上传',
  },
}
