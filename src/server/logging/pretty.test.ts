import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { formatLogLine } from './pretty.js';

function capture() {
  const lines: string[] = [];
  return { lines, out: { write: (chunk: string) => lines.push(chunk) } as unknown as NodeJS.WritableStream };
}

describe('logs', () => {
  it('are one JSON object per line when not in a terminal', () => {
    const { lines, out } = capture();
    const log = createLogger({ level: 'info', pretty: false, out });
    log.info({ removed: 3 }, 'retention ran');
    log.debug('hidden at info');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 30, msg: 'retention ran', removed: 3 });
    expect(JSON.parse(lines[0] as string).time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('read as short lines in a terminal, with an error stack below', () => {
    const { lines, out } = capture();
    const log = createLogger({ level: 'debug', pretty: true, out });
    log.warn({ port: 3478, note: 'in use' }, 'STUN server error');
    log.error({ err: new Error('boom') }, 'request failed');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}STUN server error port=3478 note="in use"\n$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d ERROR request failed\n {4}Error: boom\n {8}at /);
  });

  it('passes through lines that are not JSON', () => {
    expect(formatLogLine('plain\n', { colour: true })).toBe('plain\n');
  });
});
