// Prometheus' text exposition format, written by hand: a few counters, gauges and one histogram do not need a
// client library. https://prometheus.io/docs/instrumenting/exposition_formats/

/** Upper bounds, in seconds, of the fan-out histogram: from 50 µs (a few sockets) to a second (something is wrong). */
const FANOUT_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** Figures read when scraped rather than counted as they happen. */
export interface MetricsGauges {
  webSocketConnections(): number;
  databaseSizeBytes(): number;
}

export function createMetrics() {
  const requests = new Map<string, number>(STATUS_CLASSES.map((c) => [c, 0]));
  let messagesSent = 0;
  const fanout = { buckets: FANOUT_BUCKETS.map(() => 0), sum: 0, count: 0 };
  const startedAt = Date.now() / 1000;

  return {
    countRequest(statusCode: number): void {
      const statusClass = `${Math.min(5, Math.max(1, Math.floor(statusCode / 100)))}xx`;
      requests.set(statusClass, (requests.get(statusClass) ?? 0) + 1);
    },
    countMessageSent(): void {
      messagesSent++;
    },
    /** Runs one event's delivery to every socket of its audience and records how long it took. */
    timeFanout(deliver: () => void): void {
      const started = process.hrtime.bigint();
      try {
        deliver();
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        fanout.count++;
        fanout.sum += seconds;
        FANOUT_BUCKETS.forEach((bound, i) => {
          if (seconds <= bound) fanout.buckets[i] = (fanout.buckets[i] ?? 0) + 1;
        });
      }
    },
    render(gauges: MetricsGauges): string {
      const lines: string[] = [];
      const metric = (name: string, type: string, help: string, samples: string[]) =>
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
      metric('minimost_http_requests_total', 'counter', 'HTTP requests answered, by status class.', [...requests].map(([c, n]) => `minimost_http_requests_total{status="${c}"} ${n}`));
      metric('minimost_websocket_connections', 'gauge', 'Open WebSocket connections (browser tabs).', [`minimost_websocket_connections ${gauges.webSocketConnections()}`]);
      metric('minimost_messages_sent_total', 'counter', 'Messages people sent (stored and announced).', [`minimost_messages_sent_total ${messagesSent}`]);
      metric('minimost_event_fanout_seconds', 'histogram', 'Time to deliver one event to every socket of its audience.', [
        ...FANOUT_BUCKETS.map((bound, i) => `minimost_event_fanout_seconds_bucket{le="${bound}"} ${fanout.buckets[i] ?? 0}`),
        `minimost_event_fanout_seconds_bucket{le="+Inf"} ${fanout.count}`,
        `minimost_event_fanout_seconds_sum ${fanout.sum}`,
        `minimost_event_fanout_seconds_count ${fanout.count}`,
      ]);
      metric('minimost_database_size_bytes', 'gauge', 'Size of the database on disk, write-ahead log included.', [`minimost_database_size_bytes ${gauges.databaseSizeBytes()}`]);
      metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [`process_resident_memory_bytes ${process.memoryUsage.rss()}`]);
      metric('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.', [`process_start_time_seconds ${startedAt}`]);
      return `${lines.join('\n')}\n`;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
