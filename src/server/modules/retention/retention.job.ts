import type { RetentionReport, RetentionService } from './retention.service.js';

/** How often the server asks whether a day has passed since the last run; the run itself is daily. */
const CHECK_EVERY_MS = 10 * 60_000;
/** The first check waits a little, so a start is not slowed by it. */
const FIRST_CHECK_MS = 60_000;

/**
 * The daily retention run, without cron: a timer checks every few minutes whether the last run (recorded in the
 * database, so restarts neither repeat nor skip it) is a day old. Time comes from the service's clock.
 */
export function scheduleRetention(options: {
  retention: RetentionService;
  onRun: (report: RetentionReport) => void;
  onError: (err: unknown) => void;
}): () => void {
  const check = () => {
    options.retention.runIfDue().then((report) => report && options.onRun(report), options.onError);
  };
  const first = setTimeout(check, FIRST_CHECK_MS);
  const every = setInterval(check, CHECK_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
