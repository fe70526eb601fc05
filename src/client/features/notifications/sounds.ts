// Alert sounds, synthesised with Web Audio: no sound files to ship or fetch. Each is a few short tones.
import type { SoundName } from './decide.js';
import { preferences } from './state.js';

export type { SoundName } from './decide.js';

interface Tone {
  /** Hz. */
  frequency: number;
  /** Seconds after the start. */
  at: number;
  duration: number;
}

const SOUNDS: Record<SoundName, readonly Tone[]> = {
  message: [{ frequency: 880, at: 0, duration: 0.12 }],
  mention: [
    { frequency: 988, at: 0, duration: 0.1 },
    { frequency: 1319, at: 0.11, duration: 0.16 },
  ],
  incomingCall: [
    { frequency: 659, at: 0, duration: 0.25 },
    { frequency: 784, at: 0.3, duration: 0.25 },
    { frequency: 659, at: 0.6, duration: 0.25 },
    { frequency: 784, at: 0.9, duration: 0.25 },
  ],
  callAnswered: [
    { frequency: 523, at: 0, duration: 0.1 },
    { frequency: 784, at: 0.1, duration: 0.16 },
  ],
  hangUp: [
    { frequency: 784, at: 0, duration: 0.12 },
    { frequency: 523, at: 0.13, duration: 0.2 },
  ],
  participantLeft: [{ frequency: 440, at: 0, duration: 0.18 }],
};

const VOLUME = 0.15;
let context: AudioContext | null = null;

/**
 * Plays a sound unless this person turned sounds off (Settings or the header button). Browsers keep audio locked
 * until the page had a click or key press; before that this is quietly nothing.
 */
export function playSound(name: SoundName): void {
  if (!preferences.value.sounds) return;
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const start = context.currentTime + 0.01;
    for (const tone of SOUNDS[name]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = tone.frequency;
      // A short fade in and out: a bare square edge clicks.
      const from = start + tone.at;
      const to = from + tone.duration;
      gain.gain.setValueAtTime(0, from);
      gain.gain.linearRampToValueAtTime(VOLUME, from + 0.01);
      gain.gain.linearRampToValueAtTime(0, to);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(from);
      oscillator.stop(to + 0.02);
    }
  } catch {
    // No audio device, or audio not allowed yet: a missing beep is not worth an error.
  }
}
