// A visitor's photo prepared on the device: decoded and turned upright (EXIF orientation),
// downscaled to the core's maximum long side, re-encoded as JPEG (a canvas writes no EXIF, GPS or
// maker notes), with the RGBA pixels the core checks and a small thumbnail canvas (no object URL,
// so a strict CSP's img-src needs no blob: and nothing is left to revoke).
import { h } from './dom.js'

const JPEG_QUALITY = 0.85
const THUMB_SIDE = 192

function canvas(width, height) {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height)
  return h('canvas', { width, height })
}

function jpeg(target) {
  if (typeof target.convertToBlob === 'function') return target.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY })
  return new Promise((resolve, reject) => target.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', JPEG_QUALITY))
}

/**
 * Resolves {blob, width, height, rgba, thumb} for an image File; rejects when the browser cannot
 * decode it. `maxSide` is the core's limit (photoViews max_long_side).
 */
export async function preparePhoto(file, maxSide, label) {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    const photo = canvas(width, height)
    const context = photo.getContext('2d', { willReadFrequently: true })
    context.imageSmoothingEnabled = true
    context.imageSmoothingQuality = 'high'
    context.drawImage(bitmap, 0, 0, width, height)
    const rgba = context.getImageData(0, 0, width, height).data
    const blob = await jpeg(photo)
    const t = Math.min(1, THUMB_SIDE / Math.max(width, height))
    const thumb = h('canvas', { class: 'photo-thumb', width: Math.max(1, Math.round(width * t)), height: Math.max(1, Math.round(height * t)), role: 'img', 'aria-label': label })
    const thumbContext = thumb.getContext('2d')
    thumbContext.imageSmoothingQuality = 'high'
    thumbContext.drawImage(bitmap, 0, 0, thumb.width, thumb.height)
    return { blob, width, height, rgba, thumb }
  } finally {
    bitmap.close()
  }
}
