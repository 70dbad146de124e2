import { expect, test } from '@playwright/test';
import { DEMO_MEETING, signIn } from './session.ts';

test("an observer cannot reach the secretariat's pages, and the server refuses the requests", async ({
	page
}) => {
	await signIn(page, 'observer');
	await page.goto(DEMO_MEETING);
	await expect(page.getByRole('link', { name: 'Participants' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Import the draft' })).toHaveCount(0);

	for (const path of [`${DEMO_MEETING}/participants`, `${DEMO_MEETING}/import`, '/meetings/new']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
	}

	// A hand-made request with the observer's session cookie, straight to the form action.
	const origin = new URL(page.url()).origin;
	const post = await page.request.post(`${DEMO_MEETING}/participants?/add`, {
		headers: { origin, accept: 'application/json' },
		form: { username: 'sneaky', displayName: 'Sneaky', groupId: '', roles: 'observer' }
	});
	const body = await post.text();
	expect(body).toMatch(/"status":403|Only the secretariat/);
	const imported = await page.request.post(`${DEMO_MEETING}/import?/import`, {
		headers: { origin, accept: 'application/json' },
		form: { source: 'Title\n\n1. A paragraph.' }
	});
	expect(await imported.text()).toMatch(/"status":403|Only the secretariat/);

	// Nothing changed: the secretariat still sees twelve participants and the 2013 text.
	await page.context().clearCookies();
	await signIn(page, 'secretariat');
	await page.goto(`${DEMO_MEETING}/participants`);
	await expect(page.locator('table.participants tbody tr')).toHaveCount(12);
	await page.goto(DEMO_MEETING);
	await expect(page.locator('section.para')).toHaveCount(9);
});

test('someone outside a meeting does not see it at all', async ({ page, browser }) => {
	// The secretariat creates a meeting; a demo delegate is not in it.
	await signIn(page, 'secretariat');
	await page.goto('/meetings/new');
	await page.getByLabel('Title').fill('Closed meeting');
	await page.getByLabel('Venue').fill('Turin');
	await page.getByLabel('First day').fill('2026-12-01');
	await page.getByLabel('Last day').fill('2026-12-02');
	await page.getByRole('button', { name: 'Create meeting' }).click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]+\/import$/);
	const meetingPath = new URL(page.url()).pathname.replace(/\/import$/, '');

	const other = await browser.newContext();
	const delegate = await other.newPage();
	await signIn(delegate, 'gov-italy');
	await expect(delegate.getByRole('link', { name: 'Closed meeting' })).toHaveCount(0);
	const response = await delegate.goto(meetingPath);
	expect(response?.status()).toBe(404);
	await other.close();
});
