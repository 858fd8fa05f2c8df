// How a photo or voice note is shown, from the type the server serves it with (the type its bytes
// were sniffed as at upload, src/server/http/sniff.ts), never from what an attachment row claims.

/** Shown as a photo, played as a voice note, or only offered as a download. */
export type MediaShown = 'photo' | 'audio' | 'download'

/**
 * How bytes of this type are shown: images (not SVG, which can carry script) and audio inline,
 * anything else as a download.
 *
 * @example
 * shownAs('image/png') // 'photo'
 * shownAs('audio/webm;codecs=opus') // 'audio'
 * shownAs('image/svg+xml') // 'download'
 */
export function shownAs(type: string): MediaShown {
  const bare = type.split(';')[0]!.trim().toLowerCase()
  if (/^image\/(?!svg)[a-z0-9.+-]+$/.test(bare)) return 'photo'
  if (/^audio\/[a-z0-9.+-]+$/.test(bare)) return 'audio'
  return 'download'
}
