// The colour theme: the system's light or dark by default, or one chosen in Settings. Applied as `data-theme` on
// <html> (tokens.css and themes.css hold the colours) and in `color-scheme`, so form controls and scrollbars match.
import { effect, signal } from '@preact/signals';
import { readSetting, writeSetting } from './device-settings.js';

export type ThemeChoice = 'system' | 'dark' | 'light';

const STORAGE_KEY = 'minimost.theme';

function stored(): ThemeChoice {
  const value = readSetting(STORAGE_KEY);
  return value === 'dark' || value === 'light' ? value : 'system';
}

export const themeChoice = signal<ThemeChoice>(stored());
const systemLight = signal(false);

export function chooseTheme(choice: ThemeChoice): void {
  themeChoice.value = choice;
  writeSetting(STORAGE_KEY, choice === 'system' ? null : choice);
}

export function resolveTheme(choice: ThemeChoice, prefersLight: boolean): 'dark' | 'light' {
  return choice === 'system' ? (prefersLight ? 'light' : 'dark') : choice;
}

/** Called once before the first render, so the page never flashes the other theme. */
export function startTheme(): void {
  const query = matchMedia('(prefers-color-scheme: light)');
  systemLight.value = query.matches;
  query.addEventListener('change', (event) => (systemLight.value = event.matches));
  effect(() => {
    const theme = resolveTheme(themeChoice.value, systemLight.value);
    document.documentElement.dataset.theme = theme;
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme);
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme === 'light' ? '#ffffff' : '#1b1d21');
  });
}
