#!/usr/bin/env node
// `node scripts/generate-icons.mjs`: draws the app icon (a red lantern bearing 话 under a crescent
// moon, on the night sky of an evening meeting) as SVG and renders the PNGs the manifest and iOS
// need into public/. The glyph is drawn with strokes, not a font, so no CJK font is needed here.
// Re-run after changing the drawing and commit the PNGs.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const publicDir = fileURLToPath(new URL('../public/', import.meta.url))

/** 话 in a 100×100 box: 讠 (dot, then a stroke that turns and lifts) and 舌 (丿, 一, 丨 over 口). */
const huaStrokes = [
  'M13 17 L23 27',
  'M8 42 H20 V80 L31 69',
  'M78 10 Q62 19 43 21',
  'M37 37 H92',
  'M64 21 V59',
  'M45 59 V91',
  'M45 59 H84 V91',
  'M45 89 H84',
]

/**
 * The icon on a 512 grid. `bleed` fills the whole square (maskable and Apple icons, which the
 * platform crops) and keeps the drawing inside the central safe circle; otherwise the square has
 * rounded corners.
 */
function iconSvg({ bleed }) {
  const scale = bleed ? 0.78 : 1
  const offset = (512 * (1 - scale)) / 2
  const corner = bleed ? 0 : 112
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#0c1a36"/>
      <stop offset="1" stop-color="#1d3f7a"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#ffb347" stop-opacity="0.55"/>
      <stop offset="1" stop-color="#ffb347" stop-opacity="0"/>
    </radialGradient>
    <radialGradient id="paper" cx="0.42" cy="0.38" r="0.7">
      <stop offset="0" stop-color="#ff6a4d"/>
      <stop offset="0.6" stop-color="#e0322a"/>
      <stop offset="1" stop-color="#a81c1c"/>
    </radialGradient>
  </defs>
  <rect width="512" height="512" rx="${corner}" fill="url(#sky)"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <mask id="crescent">
      <circle cx="392" cy="104" r="50" fill="#fff"/>
      <circle cx="414" cy="86" r="46" fill="#000"/>
    </mask>
    <circle cx="392" cy="104" r="50" fill="#ffe7a3" mask="url(#crescent)"/>
    <circle cx="92" cy="84" r="5" fill="#ffe7a3" opacity="0.9"/>
    <circle cx="150" cy="140" r="3.5" fill="#ffe7a3" opacity="0.7"/>
    <circle cx="70" cy="190" r="3" fill="#ffe7a3" opacity="0.6"/>
    <circle cx="256" cy="280" r="210" fill="url(#glow)"/>
    <line x1="256" y1="40" x2="256" y2="118" stroke="#f2b33d" stroke-width="8" stroke-linecap="round"/>
    <rect x="196" y="112" width="120" height="32" rx="10" fill="#f2b33d"/>
    <ellipse cx="256" cy="276" rx="150" ry="138" fill="url(#paper)"/>
    <path d="M256 138 C196 170 196 382 256 414 M256 138 C316 170 316 382 256 414" fill="none" stroke="#8f1616" stroke-width="5" opacity="0.55"/>
    <rect x="196" y="404" width="120" height="30" rx="10" fill="#f2b33d"/>
    <path d="M236 434 V472 M256 434 V484 M276 434 V472" stroke="#f2b33d" stroke-width="8" stroke-linecap="round"/>
    <g transform="translate(186 206) scale(1.4)" fill="none" stroke="#ffd66b" stroke-width="8" stroke-linecap="round" stroke-linejoin="round">
      ${huaStrokes.map((d) => `<path d="${d}"/>`).join('\n      ')}
    </g>
  </g>
</svg>
`
}

async function png(svg, size, file) {
  await sharp(Buffer.from(svg), { density: 72 * (size / 512) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: size <= 192 })
    .toFile(publicDir + file)
  console.log(`public/${file} ${size}×${size}`)
}

const any = iconSvg({ bleed: false })
const bleed = iconSvg({ bleed: true })

await writeFile(publicDir + 'favicon.svg', any)
console.log('public/favicon.svg')
await png(any, 192, 'pwa-192x192.png')
await png(any, 512, 'pwa-512x512.png')
await png(bleed, 512, 'maskable-icon-512x512.png')
await png(bleed, 180, 'apple-touch-icon-180x180.png')
