import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fixtureDocx } from '../../src/lib/server/docx-import/test-docx.ts';
import { DEMO_MEETING, signIn } from './session.ts';

const FIXTURE = fs.readFileSync(path.resolve('src/lib/server/demo/ttmlm-2013-conclusions.txt'), 'utf8');

/** Previews the 2013 conclusions given on the import page, imports them, and finds them in the meeting. */
async function previewAndImportFixture(page: Page) {
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByTestId('import-counts')).toHaveText(
		'7 preamble clauses, 5 headings, 9 paragraphs, 32 subparagraphs, 1 footnotes.'
	);
	await expect(page.getByText('Nothing doubtful was found.')).toBeVisible();
	await expect(page.locator('.preview li[data-ref="9(v)"] .label')).toHaveText('(v)');
	await page.getByRole('button', { name: 'Import this text' }).click();

	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]+$/);
	await expect(page.locator('li[data-ref="8"]')).toHaveCount(0);
	await expect(page.locator('section.para[data-ref="8"] .num')).toHaveText('8.');
	await expect(page.locator('li[data-ref="7(vii)"]')).toContainText('ISCO-08');
}

/** Creates a meeting in Geneva from the secretariat's home page; ends on its import page. */
async function createMeeting(page: Page, title: string) {
	await page.getByRole('link', { name: 'New meeting' }).click();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Venue').fill('Geneva');
	await page.getByLabel('First day').fill('2026-11-23');
	await page.getByLabel('Last day').fill('2026-11-27');
	await page.getByRole('button', { name: 'Create meeting' }).click();
	await expect(page.getByRole('heading', { name: 'Import the Office draft' })).toBeVisible();
}

test('the secretariat creates a meeting and imports the Office draft after a preview', async ({ page }) => {
	await signIn(page, 'secretariat');
	await page.getByRole('link', { name: 'New meeting' }).click();
	await page.getByLabel('Title').fill('Meeting of Experts on Labour Migration');
	await page.getByLabel('Venue').fill('Geneva');
	await page.getByLabel('First day').fill('2026-11-23');
	await page.getByLabel('Last day').fill('2026-11-20');
	await page.getByRole('button', { name: 'Create meeting' }).click();
	await expect(page.getByText('The last day cannot come before the first.')).toBeVisible();
	await page.getByLabel('Last day').fill('2026-11-27');
	await page.getByRole('button', { name: 'Create meeting' }).click();
	await expect(page.getByRole('heading', { name: 'Import the Office draft' })).toBeVisible();

	await page.getByLabel('Text', { exact: true }).fill(FIXTURE);
	await previewAndImportFixture(page);
});

test('the secretariat imports the Office draft from a Word file with automatic numbering', async ({
	page
}, info) => {
	const file = info.outputPath('conclusions.docx');
	fs.writeFileSync(file, await fixtureDocx('automatic'));
	await signIn(page, 'secretariat');
	await createMeeting(page, 'Meeting of Experts on Word Files');

	await page.getByLabel('Or a file (Word .docx, or plain text)').setInputFiles(file);
	// Word's numbers are computed from its list definitions: the file has none typed.
	await previewAndImportFixture(page);
});

test('the import preview warns about doubtful lines and drops nothing', async ({ page }) => {
	await signIn(page, 'secretariat');
	await page.goto(`${DEMO_MEETING}/import`);
	const doubtful =
		'Conclusions\n\nThe Meeting,\n\nAdopts the following:\n\n1. First.\n\n3. Skipped a number.\n\n(a) A point.\n';
	await page.getByLabel('Text', { exact: true }).fill(doubtful);
	await page.getByRole('button', { name: 'Preview' }).click();
	const warnings = page.getByRole('region', { name: 'Check these' });
	await expect(warnings).toBeVisible();
	await expect(warnings.locator('li').first()).toContainText('Line');
	await expect(page.locator('.preview section.para')).toHaveCount(2);
	await expect(page.locator('.preview li[data-ref="2(a)"]')).toContainText('A point.');
});

test('a participant added by the secretariat signs in with the one-time password and sets their own', async ({
	page,
	browser
}) => {
	await signIn(page, 'secretariat');
	await page.goto(`${DEMO_MEETING}/participants`);
	const form = page.locator('form[action="?/add"]');
	await form.getByLabel('Username', { exact: true }).fill('gov-brazil');
	await form.getByLabel('Name', { exact: true }).fill('Government of Brazil');
	await form.getByRole('combobox', { name: 'Group' }).selectOption('government');
	await form.getByLabel('Country (Government representatives)').fill('Brazil');
	await form.getByLabel('Drafting committee').check();
	await form.getByRole('button', { name: 'Add participant' }).click();
	const otp = (await page.getByTestId('one-time-password').textContent())!.trim();
	expect(otp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
	await expect(page.locator('table.participants tbody tr')).toHaveCount(13);
	await expect(page.getByRole('row', { name: /Government of Brazil/ })).toContainText('Drafting committee');

	const context = await browser.newContext();
	const newcomer = await context.newPage();
	await signIn(newcomer, 'gov-brazil', otp);
	await expect(newcomer).toHaveURL(/\/account\/password$/);
	await newcomer.goto(DEMO_MEETING); // cannot go anywhere else first
	await expect(newcomer).toHaveURL(/\/account\/password$/);
	await newcomer.getByLabel('Current password').fill(otp);
	await newcomer.getByLabel(/New password \(at least/).fill('brasilia-2026');
	await newcomer.getByLabel('New password again').fill('brasilia-2026');
	await newcomer.getByRole('button', { name: 'Save password' }).click();
	await expect(newcomer).toHaveURL(/\/$/);
	await newcomer.getByRole('link', { name: 'Tripartite Technical Meeting on Labour Migration' }).click();
	await expect(newcomer.locator('section.para[data-ref="5"]')).toBeVisible();
	await context.close();
});

test('the collaboration endpoint shares the port and admits a signed-in member', async ({ page }) => {
	await signIn(page, 'observer');
	await page.goto(DEMO_MEETING);
	const opened = await page.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const ws = new WebSocket(`ws://${location.host}/collab/meeting/ttmlm-2013`);
				ws.binaryType = 'arraybuffer';
				ws.onmessage = () => {
					resolve('message');
					ws.close();
				};
				ws.onclose = (e) => resolve(`closed ${e.code}`);
			})
	);
	expect(opened).toBe('message');
});

test('the secretariat changes a participant’s group and roles in the page', async ({ page }) => {
	await signIn(page, 'secretariat');
	await page.goto(`${DEMO_MEETING}/participants`);
	const row = page.getByRole('row', { name: /Government of Kenya/ });
	await row.getByText('Edit').click();
	await row.getByLabel('Drafting committee').check();
	await row.getByRole('button', { name: 'Save' }).click();
	await expect(
		page
			.getByRole('row', { name: /Government of Kenya/ })
			.locator('td')
			.nth(3)
	).toHaveText('Drafting committee');
	// A combination the rules forbid is refused with the reason.
	const observerRow = page.getByRole('row', { name: /^Observer/ });
	await observerRow.getByText('Edit').click();
	await observerRow.getByLabel('Secretariat', { exact: true }).check();
	await observerRow.getByRole('button', { name: 'Save' }).click();
	await expect(observerRow.getByRole('alert')).toHaveText('An observer holds no other role.');
	await expect(observerRow.locator('td').nth(3)).toHaveText('Observer'); // nothing changed
});
