// The call controls' icons, drawn like ui/icons.tsx (decorative: each sits inside a labelled button).
const paths = {
  phone: 'M5.6 2.5 7.9 2l1.5 3.9-1.8 1.4a9.3 9.3 0 0 0 5.1 5.1l1.4-1.8 3.9 1.5-.5 2.3a1.8 1.8 0 0 1-1.9 1.4C8.6 15.4 4.6 11.4 4.2 4.4a1.8 1.8 0 0 1 1.4-1.9Z',
  hangUp: 'M10 7c3.4 0 6.3 1.1 7.7 2.6.4.4.4 1 .1 1.5l-1.2 1.7-3.6-1.2V9.4a10.5 10.5 0 0 0-6 0v2.2l-3.6 1.2-1.2-1.7a1.2 1.2 0 0 1 .1-1.5C3.7 8.1 6.6 7 10 7Z',
  mic: 'M10 2a2.8 2.8 0 0 0-2.8 2.8v4.7a2.8 2.8 0 1 0 5.6 0V4.8A2.8 2.8 0 0 0 10 2ZM4.8 9.2h1.7a3.5 3.5 0 0 0 7 0h1.7a5.2 5.2 0 0 1-4.3 5.1V17H9.1v-2.7a5.2 5.2 0 0 1-4.3-5.1Z',
  micOff:
    'm3.3 2 14.7 14.7-1.3 1.3-3.6-3.6c-.6.4-1.3.7-2.2.9V18H9.1v-2.7a5.2 5.2 0 0 1-4.3-5.1h1.7a3.5 3.5 0 0 0 5.1 3.1l-1.2-1.2A2.8 2.8 0 0 1 7.2 9.5V8.3L2 3.3 3.3 2Zm6.7 0a2.8 2.8 0 0 1 2.8 2.8v4.5L7.4 3.9A2.8 2.8 0 0 1 10 2Zm3.5 7.2h1.7c0 .8-.2 1.6-.5 2.3l-1.3-1.3.1-1Z',
  video: 'M3 5h9.5A1.5 1.5 0 0 1 14 6.5v1.7l3.5-2.2v8l-3.5-2.2v1.7a1.5 1.5 0 0 1-1.5 1.5H3a1.5 1.5 0 0 1-1.5-1.5v-7A1.5 1.5 0 0 1 3 5Z',
  screen: 'M2.5 3.5h15A1.5 1.5 0 0 1 19 5v8.5a1.5 1.5 0 0 1-1.5 1.5H11v1.5h3V18H6v-1.5h3V15H2.5A1.5 1.5 0 0 1 1 13.5V5a1.5 1.5 0 0 1 1.5-1.5Zm.3 1.8v7.9h14.4V5.3H2.8Z',
  personAdd:
    'M8 9.5a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4ZM2 16.5c0-3 2.7-5.1 6-5.1 1.3 0 2.5.3 3.5.9a5 5 0 0 0-.7 4.2H2Zm13-4.5h1.6v2h2v1.6h-2v2H15v-2h-2V14h2v-2Z',
} as const;

export type CallIconName = keyof typeof paths;

export function CallIcon({ name }: { name: CallIconName }) {
  return (
    <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
