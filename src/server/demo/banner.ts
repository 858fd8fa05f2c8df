import { networkInterfaces } from 'node:os'
import type { MemberRole } from '@shared/records'
import type { DemoCodes, DemoVillagerLink } from './codes'

const roleNames: Record<MemberRole, string> = {
  cadre: '村干部',
  collector: '征集员',
  township: '镇街工作人员',
  admin: '管理员',
}

/** Where people can open the app: localhost, and the LAN addresses when listening on all. */
export function serverUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`]
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i?.address}:${port}/`)
  return [`http://localhost:${port}/`, ...lan]
}

function pad(text: string, width: number): string {
  // CJK characters take two columns in a terminal.
  const columns = [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)
  return text + ' '.repeat(Math.max(1, width - columns))
}

/** The start banner: URLs, then the demo enrolment codes and how they are renewed. */
export function startBanner(urls: string[], demo: (DemoCodes & { file: string; villagers?: DemoVillagerLink[] }) | null): string {
  const lines = ['', '  乡村夜话 yehua is running', ...urls.map((url, i) => `  ${i === 0 ? 'Local:  ' : 'Network:'} ${url}`)]
  if (demo && (demo.codes.length > 0 || demo.enrolled.length > 0)) {
    lines.push('', '  Demo enrolment codes 演示登记码 (open the URL on a phone, enter a code):')
    for (const c of demo.codes) {
      lines.push(`    ${pad(`${roleNames[c.role]} ${c.name}${c.village ? ` (${c.village})` : ''}`, 32)}code ${c.code}`)
    }
    for (const e of demo.enrolled) {
      lines.push(`    ${pad(`${roleNames[e.role]} ${e.name}${e.village ? ` (${e.village})` : ''}`, 32)}already enrolled 已登记`)
    }
    lines.push(
      `  Each code works once${demo.expiresAt ? `, until ${demo.expiresAt.slice(0, 10)}` : ''}. Every restart issues new codes for demo`,
      '  members who have not enrolled yet (older unused codes stop working); admins issue more codes.',
      `  Also written to ${demo.file}`,
    )
  }
  if (demo?.villagers && demo.villagers.length > 0) {
    lines.push('', '  Villager links 村民链接 (what the poster\'s QR code opens; no enrolment):')
    for (const v of demo.villagers) lines.push(`    ${pad(v.village, 32)}${v.link}`)
  }
  return `${lines.join('\n')}\n`
}
