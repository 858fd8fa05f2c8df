import { PHOTO_QUALITY, fitWithin } from './photoSize'

/** A photo resized and re-encoded on the phone (which also drops its EXIF data, GPS included). */
export interface PreparedPhoto {
  bytes: ArrayBuffer
  mime: 'image/jpeg'
  width: number
  height: number
}

type Source = ImageBitmap | HTMLImageElement

/** Decode with createImageBitmap (off the main thread), else through an <img> (older Safari). */
async function decode(file: Blob): Promise<{ image: Source; width: number; height: number; release(): void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
      return { image: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() }
    } catch {
      // Some WebViews reject the options bag or the format: try the <img> route below.
    }
  }
  const url = URL.createObjectURL(file)
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return { image: img, width: img.naturalWidth, height: img.naturalHeight, release: () => undefined }
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** Encode with OffscreenCanvas.convertToBlob where it exists, else a <canvas>'s toBlob. */
async function encode(image: Source, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height)
    const context = canvas.getContext('2d')
    if (context) {
      context.drawImage(image, 0, 0, width, height)
      return canvas.convertToBlob({ type: 'image/jpeg', quality })
    }
  }
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d canvas')
  context.drawImage(image, 0, 0, width, height)
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/jpeg', quality),
  )
}

/**
 * Resize a camera or album picture so its long edge is at most `longEdge` px and re-encode it as
 * JPEG. Throws when the browser cannot read the picture (e.g. HEIC on Android).
 *
 * @example
 * const photo = await preparePhoto(input.files[0]) // { bytes, mime: 'image/jpeg', width: 1600, height: 1200 }
 */
export async function preparePhoto(file: Blob, longEdge?: number, quality = PHOTO_QUALITY): Promise<PreparedPhoto> {
  const decoded = await decode(file)
  try {
    const { width, height } = fitWithin(decoded.width, decoded.height, longEdge)
    const blob = await encode(decoded.image, width, height, quality)
    return { bytes: await blob.arrayBuffer(), mime: 'image/jpeg', width, height }
  } finally {
    decoded.release()
  }
}
