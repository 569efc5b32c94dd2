// WCAG 2.x contrast of the theme's colour pairs. A page check, not a config rule: the core accepts
// any CSS value; the studio warns when the widget would be hard to read.

/** [r, g, b] (0-255) of a CSS colour as the browser resolves it, or null (not a solid colour). */
export function resolveColour(value, probe) {
  if (typeof value !== 'string' || !value.trim()) return null
  probe.style.color = ''
  probe.style.color = value
  if (!probe.style.color) return null
  return parseRgb(getComputedStyle(probe).color)
}

/** "rgb(1, 2, 3)" / "rgba(1, 2, 3, 1)" -> [1, 2, 3]; transparent or unparsable -> null. */
export function parseRgb(text) {
  const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(String(text).trim())
  if (!match) return null
  if (match[4] !== undefined && Number(match[4]) < 1) return null
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

function luminance([r, g, b]) {
  const channel = (c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** The contrast ratio of two colours, 1..21. */
export function contrastRatio(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** WCAG AA for normal text. */
export const AA_TEXT = 4.5
