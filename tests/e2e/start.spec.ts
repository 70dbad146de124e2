import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './global-setup.ts';
import { DEMO_MEETING, signIn } from './session.ts';

test('npm start prints the address, the demo meeting and the demo sign-ins', async () => {
	const output = fs.readFileSync(process.env.E2E_START_OUTPUT!, 'utf8');
	expect(output).toContain(`Drafting Room is running at ${process.env.E2E_BASE_URL}`);
	expect(output).toContain(`${process.env.E2E_BASE_URL}${DEMO_MEETING}`);
	expect(output).toContain(`password for all: ${DEMO_PASSWORD}`);
	for (const username of [
		'chair',
		'secretariat',
		'gov-coordinator',
		'gov-italy',
		'gov-kenya',
		'emp-spokesperson',
		'emp-secretary',
		'emp-member',
		'wkr-spokesperson',
		'wkr-secretary',
		'wkr-member',
		'observer'
	])
		expect(output).toMatch(new RegExp(`^ {2}${username} `, 'm'));
});

test('repeated failures on an account are throttled with a clear wait', async ({ page }) => {
	await page.goto('/login');
	for (let i = 0; i < 4; i++) {
		await page.getByLabel('Username').fill('emp-member');
		await page.getByLabel('Password').fill(`wrong ${i}`);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
	}
	await page.getByLabel('Username').fill('emp-member');
	await page.getByLabel('Password').fill('wrong again');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
	// Now even the right password waits.
	await page.getByLabel('Username').fill('emp-member');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(/^Too many failed attempts\. Try again in [12] s\.$/);
	await expect(page).toHaveURL(/\/login/);
});

test('the printed text is the document alone: no menus, no status badges', async ({ page }) => {
	await signIn(page, 'chair');
	await page.goto(DEMO_MEETING);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.app-header')).toBeHidden();
	await expect(page.locator('.meeting-bar')).toBeHidden();
	await expect(page.locator('.document .status').first()).toBeHidden();
	await expect(page.locator('section.para[data-ref="9"]')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
	await expect(page.locator('.document .status').first()).toBeVisible();
});
