import type { Page } from '@playwright/test';

/** Runs one entry of a to-do row's ⋯ menu (“Move up”, “Edit”, “Delete”…), as a pointer user would. */
export async function rowAction(page: Page, title: string, action: string) {
  await page.getByRole('button', { name: `Actions for “${title}”` }).click();
  await page
    .getByRole('menu', { name: `Actions for “${title}”` })
    .getByRole('menuitem', { name: action, exact: true })
    .click();
}
