import { test } from '@playwright/test';
import { expectAnchorFilled, fillAnchorFromEmpty } from './anchor-flow.ts';
import { ownServer } from './own-server.ts';

// A server of this test's own, so it can be stopped and started again on the same data folder.
const server = ownServer({ name: 'restart', offset: 2 });

test.use({ baseURL: server.baseURL });
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

test('the filled anchor page survives a server restart, and the session does too', async ({ page }) => {
  await fillAnchorFromEmpty(page);
  await server.stop();
  await server.start();
  await page.reload();
  await expectAnchorFilled(page);
});
