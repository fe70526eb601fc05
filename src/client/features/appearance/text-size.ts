// The size of message text, per device: pinch on a touch screen or Ctrl+wheel on a desktop changes it (instead of
// zooming the whole page, which would push the composer and header off screen). Set as `--message-font-size`.
import { effect, signal } from '@preact/signals';
import { readSetting, writeSetting } from './device-settings.js';

export const MIN_TEXT_PX = 12;
export const MAX_TEXT_PX = 24;
export const DEFAULT_TEXT_PX = 15;
const STORAGE_KEY = 'minimost.messageTextPx';

export function clampTextSize(px: number): number {
  if (!Number.isFinite(px)) return DEFAULT_TEXT_PX;
  return Math.min(MAX_TEXT_PX, Math.max(MIN_TEXT_PX, Math.round(px)));
}

/** Wheel steps are 100 px a notch on most mice and a few px a frame on touchpads: one pixel of text per notch. */
export function sizeAfterWheel(px: number, deltaY: number): number {
  if (deltaY === 0) return px;
  const notches = Math.max(1, Math.round(Math.abs(deltaY) / 100));
  return clampTextSize(px - Math.sign(deltaY) * notches);
}

/** A pinch from `startDistance` to `distance` between two fingers scales the size it started from. */
export function sizeAfterPinch(startPx: number, startDistance: number, distance: number): number {
  if (startDistance <= 0) return startPx;
  return clampTextSize(startPx * (distance / startDistance));
}

const storedPx = Number(readSetting(STORAGE_KEY) ?? DEFAULT_TEXT_PX);
export const messageTextPx = signal(clampTextSize(storedPx));

export function setMessageTextPx(px: number): void {
  const next = clampTextSize(px);
  messageTextPx.value = next;
  writeSetting(STORAGE_KEY, next === DEFAULT_TEXT_PX ? null : String(next));
}

export function startTextSize(): void {
  effect(() => document.documentElement.style.setProperty('--message-font-size', `${messageTextPx.value}px`));
}

function distance(touches: TouchList): number {
  const [a, b] = [touches[0], touches[1]];
  return a && b ? Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) : 0;
}

/** Ctrl+wheel (and a touchpad pinch, which browsers report as one) and two-finger pinches over `element`. */
export function installTextZoom(element: HTMLElement): () => void {
  const onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    setMessageTextPx(sizeAfterWheel(messageTextPx.value, event.deltaY));
  };
  let pinch: { px: number; distance: number } | null = null;
  const onTouchStart = (event: TouchEvent) => {
    pinch = event.touches.length === 2 ? { px: messageTextPx.value, distance: distance(event.touches) } : null;
  };
  const onTouchMove = (event: TouchEvent) => {
    if (!pinch || event.touches.length !== 2) return;
    event.preventDefault();
    setMessageTextPx(sizeAfterPinch(pinch.px, pinch.distance, distance(event.touches)));
  };
  const onTouchEnd = (event: TouchEvent) => {
    if (event.touches.length < 2) pinch = null;
  };
  // Not passive: the browser's own zoom must be cancelled.
  element.addEventListener('wheel', onWheel, { passive: false });
  element.addEventListener('touchstart', onTouchStart, { passive: true });
  element.addEventListener('touchmove', onTouchMove, { passive: false });
  element.addEventListener('touchend', onTouchEnd);
  element.addEventListener('touchcancel', onTouchEnd);
  return () => {
    element.removeEventListener('wheel', onWheel);
    element.removeEventListener('touchstart', onTouchStart);
    element.removeEventListener('touchmove', onTouchMove);
    element.removeEventListener('touchend', onTouchEnd);
    element.removeEventListener('touchcancel', onTouchEnd);
  };
}
