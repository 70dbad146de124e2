// The Outputs page in Chromium against the built server: a Workers' member downloads the conclusions as
// PDF (with line numbers) and DOCX and the list as HTML, by clicking, and gets files that hold the text.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { docxText, pdfText } from '../server/output-text.ts';
import { DEMO_MEETING, signIn } from './session.ts';

test('a member downloads the conclusions and the list from the Outputs tab', async ({ page }) => {
	await signIn(page, 'wkr-member');
	await page.goto(DEMO_MEETING);
	await page.getByRole('link', { name: 'Outputs' }).click();
	await expect(page.getByRole('heading', { name: 'Outputs', level: 1 })).toBeVisible();
	await expect(page.getByText('Not adopted yet')).toBeVisible();

	const fetch = async (name: string) => {
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name }).click()
		]);
		const file = await download.path();
		return { name: download.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(file)) };
	};

	await page.getByLabel('Line numbers in the PDF and DOCX').check();
	const pdf = await fetch('Download the conclusions as PDF');
	expect(pdf.name).toMatch(
		/^tripartite-technical-meeting-on-labour-migration-conclusions-draft-\d{4}-\d{2}-\d{2}\.pdf$/
	);
	const text = pdfText(pdf.bytes).replace(/\s+/g, ' ');
	expect(text).toContain('Tripartite Technical Meeting on Labour Migration');
	expect(text).toMatch(/Draft, \d{1,2} \w+ \d{4}/);
	expect(text).toContain('Improve its outreach and communications strategy on labour migration.');

	const docx = await fetch('Download the conclusions as Word (DOCX)');
	expect(docx.name.endsWith('.docx')).toBe(true);
	expect(docxText(docx.bytes)).toContain('These conclusions will be submitted to the March 2014 session');

	const list = await fetch('Download the list of amendments as HTML');
	expect(new TextDecoder().decode(list.bytes)).toContain('<h1>List of amendments</h1>');
});

test('someone outside the meeting cannot download its outputs', async ({ page }) => {
	await signIn(page, 'observer');
	const response = await page.request.get('/meetings/no-such-meeting/outputs/conclusions.pdf');
	expect(response.status()).toBe(404);
	const wrong = await page.request.get(`${DEMO_MEETING}/outputs/proceedings.txt`);
	expect(wrong.status()).toBe(400);
	expect(await wrong.text()).toContain('There is no Plain text version of the record of proceedings');
});
