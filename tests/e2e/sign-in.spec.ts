import { expect, test } from '@playwright/test';
import { DEMO_MEETING, signIn } from './session.ts';

test('every page but /login requires a session', async ({ page }) => {
	await page.goto(DEMO_MEETING);
	await expect(page).toHaveURL(/\/login\?next=%2Fmeetings%2Fttmlm-2013/);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password shows one generic error and signs nobody in', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('Username').fill('chair');
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
	await expect(page).toHaveURL(/\/login/);
	await page.getByLabel('Username').fill('nobody-at-all');
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
});

test('signing in leads back to the page asked for, and signing out ends the session', async ({ page }) => {
	await page.goto(DEMO_MEETING);
	await page.getByLabel('Username').fill('gov-kenya');
	await page.getByLabel('Password').fill('e2e-demo-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`${DEMO_MEETING}$`));
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goto(DEMO_MEETING);
	await expect(page).toHaveURL(/\/login/);
});

test('the demo meeting shows paragraph 5(iii) numbered as such, with its status', async ({ page }) => {
	await signIn(page, 'wkr-member');
	await page.getByRole('link', { name: 'Tripartite Technical Meeting on Labour Migration' }).click();
	const para5 = page.locator('section.para[data-ref="5"]');
	await expect(para5.locator('.num')).toHaveText('5.');
	await expect(para5.locator('.status')).toHaveText('Draft');
	const sub = para5.locator('li[data-ref="5(iii)"]');
	await expect(sub.locator('.label')).toHaveText('(iii)');
	await expect(sub).toContainText('In collaboration with constituents and GMG members');
	await expect(page.locator('section.para')).toHaveCount(9);
	await expect(page.locator('h2.doc-heading')).toHaveCount(5);
	await expect(page.locator('.footnotes li')).toContainText('March 2014 session of the Governing Body');
});

test('SEC-1: a crafted ?next= that would leave the site leads home after signing in', async ({
	page,
	baseURL
}) => {
	for (const next of ['/%5Cevil.example/', '/%09/evil.example/']) {
		await page.goto(`/login?next=${next}`);
		await page.getByLabel('Username').fill('observer');
		await page.getByLabel('Password').fill('e2e-demo-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(`${baseURL}/`);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/login/);
	}
});

test('SEC-2: the pages run under their Content-Security-Policy without a violation', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	await page.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)
		)
	);
	const response = await page.goto('/login');
	expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
	await signIn(page, 'wkr-member');
	await page.goto(DEMO_MEETING);
	await expect(page.locator('section.para[data-ref="5"] .num')).toHaveText('5.');
	await page.goto(`${DEMO_MEETING}/outputs`);
	await page.goto(`${DEMO_MEETING}/record`);
	await page.goto('/');
	expect(violations).toEqual([]);
});

test('SEC-2: files served as they are (scripts, the icon) carry the same headers as pages', async ({
	page,
	request
}) => {
	await page.goto('/login');
	const script =
		(await page.locator('script[src], link[rel="modulepreload"]').first().getAttribute('src')) ??
		(await page.locator('link[rel="modulepreload"]').first().getAttribute('href'));
	expect(script).toMatch(/_app\//);
	for (const url of [new URL(script!, page.url()).pathname, '/favicon.svg']) {
		const response = await request.get(url);
		expect(response.status(), url).toBe(200);
		expect(response.headers()['x-content-type-options'], url).toBe('nosniff');
		expect(response.headers()['x-frame-options'], url).toBe('DENY');
		expect(response.headers()['referrer-policy'], url).toBe('same-origin');
	}
});
