// The `test` every spec uses: Playwright's, plus a check after each test that every person's page stayed on
// loopback and saw no uncaught error or CSP violation, and the closing of their browsers.
import { test as base } from '@playwright/test';
import { Person } from './person.js';

export const test = base.extend<{ everyoneLeaves: void }>({
  everyoneLeaves: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern here
    async ({}, use, testInfo) => {
      await use();
      await Person.everyoneLeaves({ check: testInfo.status === testInfo.expectedStatus });
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
