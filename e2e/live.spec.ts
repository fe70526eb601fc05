// The live connection: when it drops, the page says so, and once it is back nothing sent meanwhile is missing.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';
import type { WebSocketRoute } from '@playwright/test';

test('a dropped connection shows "Reconnecting…", then catches up on what was sent meanwhile', async ({ browser }) => {
  const kim = await Person.signUp(browser, 'kim');
  const leo = await Person.signUp(browser, 'leo');
  const dm = await kim.startDirectMessage(leo);
  await kim.sendMessage(dm, 'Before the outage');
  await leo.expectMessage(leo.dmWith(kim), 'Before the outage');

  // Leo's socket now goes through a switch the test controls: on, or cut.
  let cut = false;
  const sockets: WebSocketRoute[] = [];
  await leo.page.routeWebSocket(/\/api\/ws$/, (socket) => {
    if (cut) {
      void socket.close({ code: 4000, reason: 'network down' });
      return;
    }
    socket.connectToServer();
    sockets.push(socket);
  });
  await leo.reload();
  await leo.expectMessage(leo.dmWith(kim), 'Before the outage');
  await expect.poll(() => sockets.length).toBe(1);

  cut = true;
  await sockets[0]?.close({ code: 4000, reason: 'network down' });
  await expect(leo.page.getByRole('status')).toHaveText('Reconnecting…');

  await kim.sendMessage(dm, 'Sent while Leo was offline');
  await kim.editMessage(dm, 'Before the outage', 'Before the outage (edited meanwhile)');

  cut = false;
  await expect(leo.page.getByRole('status')).toBeHidden({ timeout: 15_000 });
  await leo.expectMessage(leo.dmWith(kim), 'Sent while Leo was offline');
  await leo.expectEdited(leo.dmWith(kim), 'Before the outage (edited meanwhile)');
  await expect(leo.chat.message(leo.dmWith(kim), 'Sent while Leo was offline')).toHaveCount(1);
});
