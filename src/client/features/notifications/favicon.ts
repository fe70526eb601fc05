// Unread signals beyond the tab title: a dot on the favicon, and the app badge when MiniMost is installed.
// The dot is drawn on a canvas and set as a data: URL (the CSP's img-src allows data:).

const SIZE = 64;
let original: { href: string; type: string } | null = null;
let image: HTMLImageElement | null = null;
let wanted = 0;

function drawWithDot(source: HTMLImageElement): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(source, 0, 0, SIZE, SIZE);
  context.beginPath();
  context.arc(SIZE * 0.78, SIZE * 0.22, SIZE * 0.2, 0, 2 * Math.PI);
  context.fillStyle = '#e5484d';
  context.fill();
  context.lineWidth = SIZE * 0.06;
  context.strokeStyle = '#1b1d21';
  context.stroke();
  return canvas.toDataURL('image/png');
}

function render(link: HTMLLinkElement, icon: { href: string; type: string }): void {
  if (wanted === 0 || !image) {
    link.type = icon.type;
    link.href = icon.href;
    link.dataset.unread = 'false';
    return;
  }
  const url = drawWithDot(image);
  if (!url) return;
  link.type = 'image/png';
  link.href = url;
  link.dataset.unread = 'true';
}

/** Shows or removes the dot; `unread` is the count across conversations. */
export function showUnread(unread: number): void {
  wanted = unread;
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (link) {
    const icon = (original ??= { href: link.href, type: link.type });
    if (unread > 0 && !image) {
      image = new Image();
      // Whatever the count is by the time the picture has loaded.
      image.onload = () => render(link, icon);
      image.src = icon.href;
    } else if (unread === 0 || image?.complete) {
      render(link, icon);
    }
  }
  // Only installed apps show a badge; elsewhere the call does nothing (or is missing).
  if ('setAppBadge' in navigator) {
    const done = unread > 0 ? navigator.setAppBadge(unread) : navigator.clearAppBadge();
    void done.catch(() => undefined);
  }
}
