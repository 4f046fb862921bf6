import { test } from '@playwright/test';
import { expectAnchorFilled, fillAnchorFromEmpty } from './anchor-flow.ts';
import { useOwnServer } from './own-server.ts';

// A server of this test's own, so it can be stopped and started again on the same data folder.
const server = useOwnServer({ name: 'restart', offset: 2 });

test('the filled anchor page survives a server restart, and the session does too', async ({ page }) => {
  await fillAnchorFromEmpty(page);
  await server.stop();
  await server.start();
  await page.reload();
  await expectAnchorFilled(page);
});
