import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './global-setup.ts';

export const DEMO_MEETING = '/meetings/ttmlm-2013';

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}
