import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signUp } from './anchor-flow.ts';

/** A section of the Career page, by its heading. */
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Adds an entry with the section's one-line add; it appears in the list. */
async function quickAdd(region: Locator, label: string, line: string, shown: string) {
  const box = region.getByRole('textbox', { name: label });
  await box.fill(line);
  await box.press('Enter');
  await expect(region.getByRole('heading', { name: shown, level: 3 })).toBeVisible();
  // The box is ready for the next one.
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
}

const entryTitles = (region: Locator) => region.getByRole('list').first().locator(':scope > li h3');

test('the Career page: positions and education added in a line, dates at their precision, edited in place, reordered, deleted and restored', async ({
  page,
}) => {
  await signUp(page, 'Grace Hopper');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Career' }).click();
  await expect(page.getByRole('heading', { name: 'Career', level: 1 })).toBeVisible();

  // Every section is there, each with its own one-line add.
  for (const name of ['Experience', 'Education', 'Projects', 'Skills', 'Certificates', 'Awards', 'Publications']) {
    await expect(section(page, name)).toBeVisible();
  }
  const work = section(page, 'Experience');
  await expect(work.getByText('Nothing here yet.')).toBeVisible();
  await quickAdd(work, 'Add a position', 'Rear admiral @ US Navy', 'Rear admiral · US Navy');
  await quickAdd(work, 'Add a position', 'Senior mathematician @ Eckert–Mauchly', 'Senior mathematician · Eckert–Mauchly');

  // Dates as people write them, shown at the precision given, never padded to a day.
  await work.getByRole('button', { name: 'Edit “Rear admiral · US Navy”' }).click();
  const form = work.getByRole('form', { name: 'Edit “Rear admiral · US Navy”' });
  await expect(form.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await form.getByRole('textbox', { name: 'Location' }).fill('Washington, D.C.');
  const start = form.getByRole('textbox', { name: 'Start' });
  await start.fill('1983年12月');
  await expect(form.getByText('Read as Dec 1983')).toBeVisible();
  await start.blur();
  await expect(start).toHaveValue('Dec 1983');
  await form.getByRole('textbox', { name: 'End' }).fill('not a date');
  await form.getByRole('textbox', { name: 'End' }).blur();
  await expect(form.getByText('Write a year, a month or a day')).toBeVisible();
  await form.getByRole('checkbox', { name: 'I still hold this role' }).check();
  await expect(form.getByRole('textbox', { name: 'End' })).toBeDisabled();
  await form.getByRole('button', { name: 'Add to Highlights' }).click();
  await form.getByRole('textbox', { name: 'Highlights 1' }).fill('Standardised COBOL testing across the Navy');
  await form.getByRole('textbox', { name: 'Highlights 1' }).press('Enter');
  await form.getByRole('textbox', { name: 'Highlights 2' }).fill('Led the Navy Programming Languages Group');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(work.getByRole('button', { name: 'Edit “Rear admiral · US Navy”' })).toBeFocused();
  await expect(work.getByText('Dec 1983 – present · Washington, D.C.')).toBeVisible();
  await expect(work.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveText([
    'Standardised COBOL testing across the Navy',
    'Led the Navy Programming Languages Group',
  ]);

  await work.getByRole('button', { name: 'Edit “Senior mathematician · Eckert–Mauchly”' }).click();
  const second = work.getByRole('form', { name: /Senior mathematician/ });
  await second.getByRole('textbox', { name: 'Start' }).fill('1949');
  await second.getByRole('textbox', { name: 'End' }).fill('6/1952');
  await second.getByRole('button', { name: 'Save' }).click();
  await expect(work.getByText('1949 – Jun 1952')).toBeVisible();

  // Education, by its institution; its degree and courses edited in place.
  const education = section(page, 'Education');
  await quickAdd(education, 'Add education', 'Yale University', 'Yale University');
  await education.getByRole('button', { name: 'Edit “Yale University”' }).click();
  const school = education.getByRole('form', { name: 'Edit “Yale University”' });
  await school.getByRole('textbox', { name: 'Degree' }).fill('PhD');
  await school.getByRole('textbox', { name: 'Field of study' }).fill('Mathematics');
  await school.getByRole('textbox', { name: 'Start' }).fill('1930');
  await school.getByRole('textbox', { name: 'End' }).fill('1934-06');
  await school.getByRole('button', { name: 'Add to Courses' }).click();
  await school.getByRole('textbox', { name: 'Courses 1' }).fill('Algebra');
  await school.getByRole('button', { name: 'Save' }).click();
  await expect(education.getByText('PhD · Mathematics · 1930 – Jun 1934')).toBeVisible();
  await expect(education.getByRole('list', { name: 'Courses' })).toHaveText('Algebra');

  // Reordered with the keyboard; the server keeps the order.
  await expect(entryTitles(work)).toHaveText(['Rear admiral · US Navy', 'Senior mathematician · Eckert–Mauchly']);
  const down = work.getByRole('button', { name: 'Move “Rear admiral · US Navy” down' });
  await down.click();
  await expect(entryTitles(work)).toHaveText(['Senior mathematician · Eckert–Mauchly', 'Rear admiral · US Navy']);
  // At the bottom its Move down goes grey; the keyboard stays on the entry's Move up.
  await expect(work.getByRole('button', { name: 'Move “Rear admiral · US Navy” up' })).toBeFocused();
  await page.reload();
  await expect(entryTitles(work)).toHaveText(['Senior mathematician · Eckert–Mauchly', 'Rear admiral · US Navy']);
  await expect(page.getByRole('textbox', { name: 'Start' })).toHaveCount(0);

  // Dragged by its handle back to the top.
  const rows = work.getByRole('list').first().locator(':scope > li');
  await rows
    .nth(1)
    .locator('[data-drag-handle]')
    .dragTo(rows.nth(0), { targetPosition: { x: 20, y: 2 } });
  await expect(entryTitles(work)).toHaveText(['Rear admiral · US Navy', 'Senior mathematician · Eckert–Mauchly']);
  await page.reload();
  await expect(entryTitles(work)).toHaveText(['Rear admiral · US Navy', 'Senior mathematician · Eckert–Mauchly']);

  // Public by default, except references; a switch per entry.
  const shown = work.getByRole('switch', { name: 'Public: Rear admiral · US Navy' });
  await expect(shown).toBeChecked();
  await shown.click();
  await expect(page.getByTestId('toast').filter({ hasText: '“Rear admiral · US Navy” is now private.' })).toBeVisible();
  await shown.click();
  await expect(shown).toBeChecked();
  const references = section(page, 'References');
  await quickAdd(references, 'Add a reference', 'Howard Aiken', 'Howard Aiken');
  await expect(references.getByRole('switch', { name: 'Public: Howard Aiken' })).not.toBeChecked();

  // Deleted with an undo; the keyboard moves to the neighbour.
  await work.getByRole('button', { name: 'Delete “Senior mathematician · Eckert–Mauchly”' }).click();
  await expect(entryTitles(work)).toHaveText(['Rear admiral · US Navy']);
  await expect(work.getByRole('button', { name: 'Edit “Rear admiral · US Navy”' })).toBeFocused();
  await page
    .getByTestId('toast')
    .filter({ hasText: 'Deleted “Senior mathematician · Eckert–Mauchly”' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(entryTitles(work)).toHaveText(['Rear admiral · US Navy', 'Senior mathematician · Eckert–Mauchly']);
});

test('skills show the achievements that evidence them; achievements belong to a position and group by it on the anchor page', async ({
  page,
}) => {
  await signUp(page, 'Katherine Johnson');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Career' }).click();
  await quickAdd(section(page, 'Experience'), 'Add a position', 'Research mathematician @ NASA', 'Research mathematician · NASA');
  const skills = section(page, 'Skills');
  await quickAdd(skills, 'Add a skill', 'Orbital mechanics', 'Orbital mechanics');
  await expect(skills.getByText('No achievement or to-do names this skill yet.')).toBeVisible();
  // No level unless the person sets one.
  await skills.getByRole('button', { name: 'Edit “Orbital mechanics”' }).click();
  await expect(skills.getByRole('combobox', { name: 'Level' })).toHaveValue('');
  await skills.getByRole('button', { name: 'Cancel' }).click();

  // An achievement naming the skill, achieved in that position.
  await nav.getByRole('link', { name: 'Achievements' }).click();
  await page.getByRole('button', { name: 'New achievement' }).click();
  await page.getByLabel('Achievement', { exact: true }).fill('Verified the Friendship 7 trajectory');
  await page.getByLabel('Skills').fill('Orbital mechanics');
  await page.getByRole('combobox', { name: 'Position' }).selectOption({ label: 'Research mathematician · NASA' });
  await page.getByRole('button', { name: 'Add achievement' }).click();
  const card = page.getByRole('article', { name: 'Verified the Friendship 7 trajectory' });
  await expect(card.getByText('Research mathematician · NASA')).toBeVisible();

  // The skill counts it, and links to it.
  await nav.getByRole('link', { name: 'Career' }).click();
  const evidence = section(page, 'Skills').getByRole('button', { name: /^Evidence for Orbital mechanics: achievements 1/ });
  await evidence.click();
  await section(page, 'Skills').getByRole('link', { name: 'Verified the Friendship 7 trajectory' }).click();
  await expect(page).toHaveURL(/\/achievements\?focus=/);
  await expect(page.getByRole('article', { name: 'Verified the Friendship 7 trajectory' })).toBeFocused();

  // On the anchor page, grouped by position; the choice is remembered.
  await nav.getByRole('link', { name: 'Anchor' }).click();
  const done = page.getByRole('region', { name: 'Done, and how well' });
  await done.getByRole('radio', { name: 'By position' }).check();
  await expect(done.getByRole('list', { name: 'Research mathematician · NASA' })).toContainText(
    'Verified the Friendship 7 trajectory',
  );
  await page.reload();
  await expect(done.getByRole('radio', { name: 'By position' })).toBeChecked();
  await expect(done.getByRole('list', { name: 'Research mathematician · NASA' })).toBeVisible();
});

test('an achievement showing a skill the career lacks suggests it; edited and accepted, the skill counts the achievement', async ({
  page,
}) => {
  await signUp(page, 'Frances Allen');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Career' }).click();
  await quickAdd(section(page, 'Skills'), 'Add a skill', 'TypeScript', 'TypeScript');

  await nav.getByRole('link', { name: 'Achievements' }).click();
  await page.getByRole('button', { name: 'New achievement' }).click();
  await page.getByLabel('Achievement', { exact: true }).fill('Rewrote the parser');
  await page.getByLabel('Skills').fill('typescript, Rust');
  await page.getByRole('button', { name: 'Add achievement' }).click();
  await expect(page.getByRole('article', { name: 'Rewrote the parser' })).toBeVisible();

  // The suggestion is queued in the background: the suggestions page shows it once made.
  await expect(async () => {
    await page.goto('/suggestions');
    await expect(page.getByRole('article', { name: 'Rust' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const card = page.getByRole('article', { name: 'Rust' });
  await expect(card.getByText('Skills', { exact: true })).toBeVisible();
  await expect(card.getByText('Shown by the achievement “Rewrote the parser”')).toBeVisible();
  await card.getByRole('button', { name: 'Edit, then accept' }).click();
  const form = card.getByRole('form', { name: 'Edit suggestion' });
  await expect(form.getByRole('textbox', { name: 'Skill' })).toBeFocused();
  await form.getByRole('textbox', { name: 'Keywords' }).fill('ownership, borrow checker');
  await form.getByRole('button', { name: 'Accept with changes' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: '“Rust” was added to your career.' })).toBeVisible();

  await nav.getByRole('link', { name: 'Career' }).click();
  const skills = section(page, 'Skills');
  await expect(skills.getByRole('heading', { name: 'Rust', level: 3 })).toBeVisible();
  await expect(skills.getByRole('list', { name: 'Keywords' }).last()).toHaveText(/ownership\s*borrow checker/);
  await expect(skills.getByRole('button', { name: /^Evidence for Rust: achievements 1/ })).toBeVisible();
});

test('the profile keeps contact details, each private until shown', async ({ page }) => {
  await signUp(page, 'Dorothy Vaughan');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  const contact = page.getByRole('region', { name: 'Contact details' });
  await contact.getByRole('textbox', { name: 'Contact e-mail' }).fill('dorothy@example.org');
  await contact.getByRole('textbox', { name: 'Phone' }).fill('+1 555 0100');
  await contact.getByRole('textbox', { name: 'Website' }).fill('https://example.org/dorothy');
  await contact.getByRole('textbox', { name: 'City' }).fill('Hampton');
  await contact.getByRole('textbox', { name: 'Country code' }).fill('US');
  await expect(contact.getByRole('checkbox', { name: 'Show Contact e-mail on my public profile' })).not.toBeChecked();
  await contact.getByRole('checkbox', { name: 'Show Website on my public profile' }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  await page.reload();
  await expect(contact.getByRole('textbox', { name: 'Phone' })).toHaveValue('+1 555 0100');
  await expect(contact.getByRole('textbox', { name: 'City' })).toHaveValue('Hampton');
  await expect(contact.getByRole('checkbox', { name: 'Show Website on my public profile' })).toBeChecked();
  await expect(contact.getByRole('checkbox', { name: 'Show Phone on my public profile' })).not.toBeChecked();
});

/** A JSON Resume with a bit of everything, dates at month and year precision, and a key with no place here. */
const RESUME = {
  basics: {
    name: 'Hedy Lamarr',
    label: 'Inventor of frequency hopping',
    email: 'hedy@example.org',
    phone: '+1 310 555 0100',
    summary: 'Co-invented spread-spectrum radio.',
    location: { city: 'Los Angeles', countryCode: 'US' },
  },
  work: [
    {
      name: 'National Inventors Council',
      position: 'Inventor',
      startDate: '1940-10',
      endDate: '1942',
      highlights: ['Frequency hopping, US patent 2,292,387', 'Synchronised with piano rolls'],
    },
  ],
  education: [{ institution: 'Private tutors, Vienna', area: 'Engineering', startDate: '1920' }],
  skills: [{ name: 'Radio engineering', keywords: ['Frequency hopping'] }, { name: 'Acting' }],
  languages: [{ language: 'German', fluency: 'Native speaker' }],
  hobbies: ['Horse riding'],
};

test('a JSON Resume is previewed, imported with the profile fields chosen, and undone as a whole', async ({ page }) => {
  await signUp(page, 'Augusta King');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  const data = page.getByRole('region', { name: 'Your data' });
  await data.getByLabel('Choose a file to import…').setInputFiles({
    name: 'hedy.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(RESUME)),
  });

  // Nothing is written yet: the preview says what would be added and changed.
  const preview = data.getByRole('form', { name: 'Preview of hedy.json' });
  await expect(preview.getByRole('heading', { name: 'Preview of hedy.json' })).toBeFocused();
  await expect(preview.getByRole('row', { name: /Experience/ })).toHaveText(/Experience\s*1/);
  await expect(preview.getByRole('row', { name: /Skills/ })).toHaveText(/Skills\s*2/);
  await expect(preview.getByRole('row', { name: /Languages/ })).toHaveText(/Languages\s*1/);
  await expect(preview.getByText('hobbies')).toBeVisible();
  const name = preview.getByRole('group', { name: 'Your name' });
  await expect(name.getByText('Augusta King')).toBeVisible();
  await expect(name.getByText('Hedy Lamarr')).toBeVisible();
  await expect(name.getByRole('radio', { name: 'Keep mine' })).toBeChecked();
  const headline = preview.getByRole('group', { name: 'Headline' });
  await headline.getByRole('radio', { name: 'Take theirs' }).check();
  const before = await (await page.request.get('/api/v1/positions')).json();
  expect(before.items).toHaveLength(0);

  // Confirmed: the entries are added; only the field chosen changes in the profile.
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  const done = data.getByRole('status').filter({ hasText: /^Imported \d+ entries\./ });
  await expect(done).toBeVisible();
  await expect(done.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Augusta King');
  await nav.getByRole('link', { name: 'Career' }).click();
  const experience = section(page, 'Experience');
  await expect(experience.getByRole('heading', { name: 'Inventor · National Inventors Council' })).toBeVisible();
  await expect(experience.getByText('Oct 1940 – 1942')).toBeVisible();
  await expect(section(page, 'Languages').getByText('Native speaker')).toBeVisible();
  await nav.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Inventor of frequency hopping');
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Augusta King');

  // Still offered after leaving the page: the whole import is undone.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await data.getByRole('button', { name: 'Undo' }).click();
  await expect(data.getByRole('status').filter({ hasText: 'The import was undone' })).toBeVisible();
  await nav.getByRole('link', { name: 'Career' }).click();
  await expect(section(page, 'Experience').getByText('Nothing here yet.')).toBeVisible();
  await expect(section(page, 'Skills').getByText('Nothing here yet.')).toBeVisible();
});

test('a LinkedIn data archive goes through the same preview and confirmation', async ({ page }) => {
  await signUp(page, 'Annabella Byron');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  const data = page.getByRole('region', { name: 'Your data' });
  // The server's own fixture: the files LinkedIn's “Get a copy of your data” sends, in English.
  const archive = readFileSync(join(import.meta.dirname, '../apps/server/test/fixtures/linkedin/full-en.zip'));
  await data
    .getByLabel('Choose a file to import…')
    .setInputFiles({ name: 'Basic_LinkedInDataExport.zip', mimeType: 'application/zip', buffer: archive });

  const preview = data.getByRole('form', { name: 'Preview of Basic_LinkedInDataExport.zip' });
  for (const name of ['Experience', 'Education', 'Projects', 'Skills', 'Certificates', 'Languages', 'References']) {
    await expect(preview.getByRole('row', { name: new RegExp(name) })).toHaveText(new RegExp(`${name}\\s*[1-9]`));
  }
  await preview.getByRole('group', { name: 'Headline' }).getByRole('radio', { name: 'Take theirs' }).check();
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await expect(data.getByRole('status').filter({ hasText: /^Imported \d+ entries\./ })).toBeVisible();

  await nav.getByRole('link', { name: 'Career' }).click();
  await expect(
    section(page, 'Experience').getByRole('heading', { name: 'Principal Analyst · Analytical Engines Ltd' }),
  ).toBeVisible();
  await expect(section(page, 'Experience').getByText('Jan 2020 – present · London, United Kingdom')).toBeVisible();
  await nav.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Analyst of engines | Writes the first programs');
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Annabella Byron');
});

test('public positions and education appear on the public page, without JavaScript, in the person’s order; the résumé downloads as a PDF', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  await signUp(page, 'Mary Jackson');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Career' }).click();
  const experience = section(page, 'Experience');
  await quickAdd(experience, 'Add a position', 'Engineer @ NACA', 'Engineer · NACA');
  await quickAdd(experience, 'Add a position', 'Mathematician @ Langley', 'Mathematician · Langley');
  await quickAdd(experience, 'Add a position', 'Aerospace engineer @ NASA', 'Aerospace engineer · NASA');
  await experience.getByRole('button', { name: 'Move “Aerospace engineer · NASA” up' }).click();
  await expect(entryTitles(experience)).toHaveText(['Engineer · NACA', 'Aerospace engineer · NASA', 'Mathematician · Langley']);
  await quickAdd(section(page, 'Education'), 'Add education', 'Hampton Institute', 'Hampton Institute');
  await quickAdd(section(page, 'References'), 'Add a reference', 'Kazimierz Czarnecki', 'Kazimierz Czarnecki');
  // One position made private again.
  await experience.getByRole('switch', { name: 'Public: Engineer · NACA' }).click();
  await expect(experience.getByRole('switch', { name: 'Public: Engineer · NACA' })).not.toBeChecked();

  const handle = `mary-${Date.now().toString(36)}`;
  await nav.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('textbox', { name: 'Handle' }).fill(handle);
  await page.getByRole('switch', { name: 'Make my profile public' }).check();
  const contact = page.getByRole('region', { name: 'Contact details' });
  await contact.getByRole('textbox', { name: 'Website' }).fill('https://example.org/mary');
  await contact.getByRole('checkbox', { name: 'Show Website on my public profile' }).check();
  await contact.getByRole('textbox', { name: 'Phone' }).fill('+1 555 0199');
  await page.getByRole('switch', { name: 'Offer my résumé as a PDF' }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();

  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const publicPage = await stranger.newPage();
  expect((await publicPage.goto(`${baseURL}/u/${handle}`))?.status()).toBe(200);
  await expect(publicPage.getByRole('heading', { name: 'Experience', level: 2 })).toBeVisible();
  await expect(publicPage.locator('section.positions h3')).toHaveText(['Aerospace engineer', 'Mathematician']);
  await expect(publicPage.getByRole('heading', { name: 'Hampton Institute', level: 3 })).toBeVisible();
  await expect(publicPage.getByText('NACA')).toHaveCount(0);
  await expect(publicPage.getByText('Kazimierz Czarnecki')).toHaveCount(0);
  await expect(publicPage.getByRole('link', { name: 'example.org/mary' })).toHaveAttribute('href', 'https://example.org/mary');
  expect(await publicPage.content()).not.toContain('555 0199');
  // The public résumé, offered on the page: a PDF named after the person.
  const [publicDownload] = await Promise.all([
    publicPage.waitForEvent('download'),
    publicPage.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  expect(publicDownload.suggestedFilename()).toBe('Mary Jackson-resume.pdf');
  const publicFile = testInfo.outputPath('public-resume.pdf');
  await publicDownload.saveAs(publicFile);
  expect(readFileSync(publicFile).subarray(0, 5).toString()).toBe('%PDF-');
  await stranger.close();

  // The résumé as a PDF, from the profile: modern, US Letter.
  const pdf = page.getByRole('region', { name: 'Résumé as PDF' });
  await pdf.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Modern, two columns' });
  await pdf.getByRole('combobox', { name: 'Paper' }).selectOption({ label: 'US Letter' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    pdf.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(download.url()).toContain('template=modern');
  expect(download.url()).toContain('paper=letter');
  const file = testInfo.outputPath('resume.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
});
