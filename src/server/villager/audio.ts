// What a voice note's bytes are, from their first bytes: the declared type is only a claim.

/** The container a voice note's bytes start with, or null when they are not a known audio format. */
export function sniffAudio(bytes: Uint8Array): 'webm' | 'ogg' | 'mp4' | 'wav' | 'mp3' | 'aac' | 'amr' | 'flac' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes.length < 12) return null
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm'
  if (ascii(0, 4) === 'OggS') return 'ogg'
  if (ascii(4, 8) === 'ftyp') return 'mp4'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav'
  if (ascii(0, 3) === 'ID3') return 'mp3'
  if (ascii(0, 5) === '#!AMR') return 'amr'
  if (ascii(0, 4) === 'fLaC') return 'flac'
  // An MPEG audio frame: 11 sync bits; layer bits 00 mean AAC in ADTS, else MP3.
  if (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return (bytes[1]! & 0x06) === 0 ? 'aac' : 'mp3'
  return null
}
