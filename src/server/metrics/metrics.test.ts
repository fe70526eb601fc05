import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

const gauges = { webSocketConnections: () => 2, databaseSizeBytes: () => 4096 };

describe('metrics', () => {
  it('count answers by status class, with every class present from the start', () => {
    const metrics = createMetrics();
    expect(metrics.render(gauges)).toContain('minimost_http_requests_total{status="5xx"} 0\n');
    for (const status of [200, 204, 404, 101, 503]) metrics.countRequest(status);
    const text = metrics.render(gauges);
    expect(text).toContain('minimost_http_requests_total{status="2xx"} 2\n');
    expect(text).toContain('minimost_http_requests_total{status="1xx"} 1\n');
    expect(text).toContain('minimost_http_requests_total{status="4xx"} 1\n');
    expect(text).toContain('minimost_websocket_connections 2\n');
    expect(text).toContain('minimost_database_size_bytes 4096\n');
  });

  it('time each fan-out into cumulative buckets', () => {
    const metrics = createMetrics();
    let delivered = 0;
    metrics.timeFanout(() => delivered++);
    expect(() => metrics.timeFanout(() => {
      throw new Error('socket gone');
    })).toThrow('socket gone');
    const text = metrics.render(gauges);
    expect(delivered).toBe(1);
    const buckets = [...text.matchAll(/minimost_event_fanout_seconds_bucket\{le="([^"]+)"\} (\d+)/g)].map((m) => Number(m[2]));
    expect(buckets.at(-1)).toBe(2);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(text).toContain('minimost_event_fanout_seconds_count 2\n');
  });
});
