import QRCode from 'qrcode'
import type { Village } from '@shared/records'

/**
 * The link a village's poster, WeChat notice and loudspeaker script send villagers to (the same
 * as the cadres' notice makes: `submissionLink` in src/app/components/meeting/notice.ts).
 */
export function villagerUrl(origin: string, villageCode: string): string {
  return `${origin.replace(/\/+$/, '')}/v/${villageCode}`
}

/** Each village's villager link with a QR code drawn for a terminal, for `npm run setup`. */
export async function villagerLinkLines(origin: string, villages: readonly Pick<Village, 'name' | 'code'>[]): Promise<string[]> {
  const lines: string[] = []
  for (const village of villages) {
    const link = villagerUrl(origin, village.code)
    lines.push(`  ${village.name}  ${link}`, (await QRCode.toString(link, { type: 'terminal', small: true })).replace(/\n+$/, ''))
  }
  return lines
}
