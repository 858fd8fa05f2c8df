/** Longest edge a stored photo keeps: a notebook page stays legible, the file stays small. */
export const PHOTO_LONG_EDGE = 1600
/** JPEG quality of stored photos. */
export const PHOTO_QUALITY = 0.7

/**
 * The size to draw an image at so that its longer edge is at most `longEdge`, keeping its aspect
 * ratio; never enlarged, never below 1 px.
 *
 * @example
 * fitWithin(4000, 3000) // { width: 1600, height: 1200 }
 */
export function fitWithin(width: number, height: number, longEdge = PHOTO_LONG_EDGE): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
