// Call sounds, synthesised with Web Audio so no sound files ship: the incoming ring, the caller's ring-back, and
// short cues for answered, hang-up and someone leaving. All of them respect the sound toggle.

import { signal } from '@preact/signals';

const SOUND_KEY = 'minimost.sound';

export function soundOn(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundOn(on: boolean): void {
  soundsEnabled.value = on;
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // Private mode without storage: the choice lasts for this page only, which is acceptable.
  }
}

/** The toggle as a signal, for the button that shows it. */
export const soundsEnabled = signal(soundOn());

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (!soundsEnabled.peek() || typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
  return context;
}

/** Tones as [frequency Hz, start s, length s]; a soft attack and release so they do not click. */
function play(tones: readonly (readonly [number, number, number])[], volume = 0.12): void {
  const ctx = audio();
  if (!ctx) return;
  const now = ctx.currentTime;
  for (const [frequency, start, length] of tones) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0, now + start);
    gain.gain.linearRampToValueAtTime(volume, now + start + 0.02);
    gain.gain.setValueAtTime(volume, now + start + length - 0.04);
    gain.gain.linearRampToValueAtTime(0, now + start + length);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(now + start);
    oscillator.stop(now + start + length);
  }
}

export const sounds = {
  ring: () => play([[660, 0, 0.4], [880, 0, 0.4], [660, 0.6, 0.4], [880, 0.6, 0.4]]),
  ringBack: () => play([[440, 0, 1], [480, 0, 1]], 0.06),
  answered: () => play([[523, 0, 0.12], [784, 0.14, 0.18]]),
  hangUp: () => play([[784, 0, 0.12], [523, 0.14, 0.22]]),
  left: () => play([[392, 0, 0.2]]),
};

/** Repeats a sound until stopped: the ring every 3 s, the ring-back every 4 s. */
export function loop(sound: () => void, everyMs: number): () => void {
  sound();
  const timer = setInterval(sound, everyMs);
  return () => clearInterval(timer);
}
