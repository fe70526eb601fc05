import { pino, type DestinationStream, type Logger } from 'pino';
import { formatLogLine } from './pretty.js';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The server's logger: pino's JSON lines on stdout (one object per line, for journald, Docker or a log shipper), or,
 * when stdout is a terminal, the same records as short readable lines. Fastify logs through it too.
 */
export function createLogger(options: { level: LogLevel; pretty: boolean; out?: NodeJS.WritableStream }): Logger {
  const out = options.out ?? process.stdout;
  const destination: DestinationStream = options.pretty
    ? { write: (line: string) => void out.write(formatLogLine(line, { colour: 'isTTY' in out && out.isTTY === true })) }
    : { write: (line: string) => void out.write(line) };
  return pino({ level: options.level, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** Whether this level logs every HTTP request (Fastify's "incoming request" / "request completed" lines). */
export function logsRequests(level: LogLevel): boolean {
  return level === 'debug' || level === 'trace';
}
