// A small stand-in for pino-pretty (not a dependency): enough to read the log in a terminal.

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[36m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[35m'],
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
/** Fields every record has, shown in the line's prefix or not at all. */
const FRAME = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);

function describe(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * One JSON log line as `12:03:04 INFO  message key=value …`, with an error's stack on the lines below. Lines that
 * are not JSON pass through unchanged.
 */
export function formatLogLine(line: string, options: { colour: boolean }): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const [label, colour] = LEVELS[Number(record.level)] ?? ['LOG  ', ''];
  const time = typeof record.time === 'string' ? record.time.slice(11, 19) : new Date(Number(record.time)).toISOString().slice(11, 19);
  const fields: string[] = [];
  let stack = '';
  for (const [key, value] of Object.entries(record)) {
    if (FRAME.has(key)) continue;
    if (key === 'err' && typeof value === 'object' && value !== null && 'stack' in value) {
      stack = `\n    ${String((value as { stack: unknown }).stack).split('\n').join('\n    ')}`;
      continue;
    }
    fields.push(`${key}=${describe(value)}`);
  }
  const paint = (code: string, text: string) => (options.colour && code ? `${code}${text}${RESET}` : text);
  const extra = fields.length > 0 ? ` ${paint(DIM, fields.join(' '))}` : '';
  return `${paint(DIM, time)} ${paint(colour, label)} ${String(record.msg ?? '')}${extra}${stack}\n`;
}
