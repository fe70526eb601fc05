// Icons only attachments use, in the same 20×20 outline as ui/icons.tsx.
const paths = {
  paperclip:
    'M13.3 3.2a3.3 3.3 0 0 1 4.7 4.7l-7.6 7.6a5 5 0 0 1-7.1-7.1l6.4-6.4 1.3 1.3-6.4 6.4a3.2 3.2 0 0 0 4.5 4.5l7.6-7.6a1.5 1.5 0 0 0-2.1-2.1l-7 7a.2.2 0 0 0 .3.3l6.1-6.1 1.3 1.3-6.1 6.1a2 2 0 0 1-2.8-2.8l7-7Z',
  file: 'M5 2h6.5L16 6.5V17a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1Zm.8 1.8v12.4h8.4V7.4h-3.6V3.8H5.8Zm6.6.6v1.2h1.2l-1.2-1.2Z',
  download: 'M9.1 3h1.8v7.3l2.6-2.6 1.3 1.3-4.8 4.8-4.8-4.8 1.3-1.3 2.6 2.6V3ZM4 15.2h12V17H4v-1.8Z',
  image: 'M3 4h14a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm.8 1.8v7l3.4-3.4 2.5 2.5 2.1-2.1 4.4 4.4V5.8H3.8Zm9.2 1a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z',
} as const;

export function FileIcon({ name }: { name: keyof typeof paths }) {
  return (
    <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
