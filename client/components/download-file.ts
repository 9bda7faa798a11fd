/**
 * Hands a file to the browser as a download named `filename`, for files
 * that no plain link can point at (answers to POST requests).
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Hands JSON made in the page to the browser as a GeoJSON file named `filename`. */
export function downloadJsonFile(data: unknown, filename: string): void {
  downloadBlob(new Blob([JSON.stringify(data)], { type: 'application/geo+json' }), filename)
}
