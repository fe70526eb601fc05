// All test files share one server and data folder, so a name can be signed up only once per run. A short suffix
// keeps names unique, within the 32-character limit, and still readable in screenshots and failures.
let counter = 0;
const run = Date.now().toString(36).slice(-4);

export function uniqueUsername(name: string): string {
  counter += 1;
  return `${name}-${run}${process.env.TEST_PARALLEL_INDEX ?? '0'}${counter.toString(36)}`.slice(0, 32);
}
