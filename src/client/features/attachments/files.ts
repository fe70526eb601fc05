// Pure helpers for attachments: sizes for people, the box an image is shown in, and the checks made before an
// upload starts (the server makes them again).

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The thumbnail's box (the server's thumbnails fit 400×300), so the list keeps its height while images load. */
export function thumbnailBox(width: number | null, height: number | null, max = { width: 400, height: 300 }): { width: number; height: number } {
  if (!width || !height) return max;
  const scale = Math.min(1, max.width / width, max.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Why these files cannot be added to a message that already holds `already`; null when they can. */
export function refusal(files: readonly { name: string; size: number }[], already: number, limits: { maxUploadBytes: number; maxAttachments: number }): string | null {
  if (already + files.length > limits.maxAttachments) return `A message can carry at most ${limits.maxAttachments} files.`;
  const big = files.find((f) => f.size > limits.maxUploadBytes);
  if (big) return `"${big.name}" is ${formatSize(big.size)}; files can be at most ${formatSize(limits.maxUploadBytes)}.`;
  return null;
}

/** Images the browser can preview before sending (the server decides for real, by content). */
export function isPreviewableImage(type: string): boolean {
  return ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(type);
}
