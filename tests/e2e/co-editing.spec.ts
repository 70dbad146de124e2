// Co-editing the draft: several people in their own browser contexts on the same meeting document.
// Every run types words of its own (the server is shared by all spec files in a run, and other specs read
// paragraph 5(iii)'s opening words), so it adds at the end or in the middle, never at the start.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO_MEETING, signIn } from './session.ts';

async function openMeetingAs(browser: Browser, username: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, username);
	await page.goto(DEMO_MEETING);
	await expect(page.locator('.conn-status')).toHaveText('Connected');
	return page;
}

const unit = (page: Page, ref: string) => page.locator(`[data-ref="${ref}"]`).first();
const subparagraph = (page: Page, ref: string) => page.locator(`li[data-ref="${ref}"]`);

/** Clicks just after `words` in a unit's rendered text, where the editor should put its cursor. */
async function clickAfter(page: Page, control: Locator, words: string) {
	await control.scrollIntoViewIfNeeded();
	const point = await control.evaluate((el, w) => {
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const at = node.textContent?.indexOf(w) ?? -1;
			if (at < 0) continue;
			const range = document.createRange();
			range.setStart(node, at + w.length);
			range.setEnd(node, at + w.length + 1); // the space after the words
			const box = range.getBoundingClientRect();
			return { x: box.left + 1, y: box.top + box.height / 2 };
		}
		throw new Error(`"${w}" not in the text`);
	}, words);
	await page.mouse.click(point.x, point.y);
}

test('two drafting committee members edit 5(iii) together while an observer follows live', async ({
	browser
}) => {
	const run = Date.now().toString(36);
	const workersWords = ` [workers ${run}]`;
	const employersWords = ` [employers ${run}]`;
	const worker = await openMeetingAs(browser, 'wkr-member');
	const employer = await openMeetingAs(browser, 'emp-member');
	const observer = await openMeetingAs(browser, 'observer');

	// The worker opens 5(iii) from the keyboard: the cursor starts at the end of the text.
	await subparagraph(worker, '5(iii)').getByRole('button').focus();
	await worker.keyboard.press('Enter');
	const workerEditor = subparagraph(worker, '5(iii)').locator('.cm-editor');
	await expect(workerEditor.locator('.cm-content')).toBeFocused();
	await worker.keyboard.type(workersWords);

	// The employer clicks in the middle, after "develop guidance", and types there.
	await clickAfter(employer, subparagraph(employer, '5(iii)').getByRole('button'), 'develop guidance');
	const employerEditor = subparagraph(employer, '5(iii)').locator('.cm-editor');
	await expect(employerEditor.locator('.cm-content')).toBeFocused();
	await employer.keyboard.type(employersWords);

	// Each sees the other's words, in place, and the other's caret with their name.
	for (const editor of [workerEditor, employerEditor]) {
		await expect(editor.locator('.cm-content')).toContainText(employersWords);
		await expect(editor.locator('.cm-content')).toContainText(workersWords);
	}
	await expect(workerEditor.locator('.cm-ySelectionCaret .cm-ySelectionInfo')).toHaveText('Employer member');
	await expect(employerEditor.locator('.cm-ySelectionCaret .cm-ySelectionInfo')).toHaveText('Worker member');

	// The observer reads the merged text live (without carets), sees who is where, and has nothing to
	// edit with. (Words of earlier runs on the same server may sit between.)
	const merged = new RegExp(
		`develop guidance${escape(employersWords)}.* to promote .*costs of migration\\..*${escape(workersWords)}$`
	);
	await expect(subparagraph(observer, '5(iii)').locator('p')).toHaveText(merged);
	const presence = observer.getByRole('region', { name: 'In the meeting now' });
	await expect(presence.getByRole('listitem').filter({ hasText: 'Worker member' })).toContainText(
		'editing paragraph 5(iii)'
	);
	await expect(presence.getByRole('listitem').filter({ hasText: 'Employer member' })).toContainText(
		'editing paragraph 5(iii)'
	);
	await subparagraph(observer, '5(iii)').locator('p').click();
	await observer.keyboard.press('Enter');
	await expect(observer.locator('.cm-editor')).toHaveCount(0);
	await expect(
		observer.locator('.document [role="button"], .document [tabindex], .document [contenteditable]')
	).toHaveCount(0);

	// Numbering and status are untouched; everyone is still connected.
	await expect(unit(observer, '5').locator('.num')).toHaveText('5.');
	await expect(subparagraph(observer, '5(iii)').locator('.label')).toHaveText('(iii)');
	for (const page of [worker, employer, observer])
		await expect(page.locator('.conn-status')).toHaveText('Connected');

	// Escape leaves the editor and returns to the paragraph, which now reads the merged text.
	await worker.keyboard.press('Escape');
	await expect(workerEditor).toHaveCount(0);
	await expect(subparagraph(worker, '5(iii)').getByRole('button')).toBeFocused();
	await expect(subparagraph(worker, '5(iii)').locator('p')).toHaveText(merged);

	// A newcomer gets the working text, not the text as imported.
	const late = await openMeetingAs(browser, 'gov-italy');
	await expect(subparagraph(late, '5(iii)').locator('p')).toHaveText(merged);

	for (const page of [worker, employer, observer, late]) await page.context().close();
});

test('undo takes back only one’s own typing, not a colleague’s', async ({ browser }) => {
	const run = Date.now().toString(36);
	const mine = ` mine-${run}`;
	const theirs = ` theirs-${run}`;
	const worker = await openMeetingAs(browser, 'wkr-member');
	const employer = await openMeetingAs(browser, 'emp-member');

	// Paragraph 3, both at its end (the employer's cursor stays before what the worker adds there).
	for (const page of [worker, employer]) {
		await unit(page, '3').getByRole('button').first().focus();
		await page.keyboard.press('Enter');
	}
	await worker.keyboard.type(mine);
	await expect(unit(employer, '3').locator('.cm-content')).toContainText(mine);
	await employer.keyboard.type(theirs);
	await expect(unit(worker, '3').locator('.cm-content')).toContainText(theirs);

	await worker.keyboard.press('ControlOrMeta+z');
	await expect(unit(employer, '3').locator('.cm-content')).toContainText(theirs);
	await expect(unit(employer, '3').locator('.cm-content')).not.toContainText(mine);
	await expect(unit(worker, '3').locator('.cm-content')).not.toContainText(mine);
	await expect(unit(worker, '3').locator('.cm-content')).toContainText(theirs);

	for (const page of [worker, employer]) await page.context().close();
});

test('changes made offline are kept on the device and sent on reconnecting', async ({ browser }) => {
	const run = Date.now().toString(36);
	const words = ` [offline ${run}]`;
	const worker = await openMeetingAs(browser, 'wkr-member');
	const observer = await openMeetingAs(browser, 'observer');
	const status = worker.locator('.conn-status');

	await unit(worker, '6').getByRole('button').first().focus();
	await worker.keyboard.press('Enter');
	await worker.context().setOffline(true);
	await expect(status).toHaveText('Offline');
	await worker.keyboard.type(words);
	await expect(status).toHaveText('Offline — your changes are kept on this device');
	await expect(unit(worker, '6').locator('.cm-content')).toContainText(words);
	await expect(unit(observer, '6')).not.toContainText(words);

	await worker.context().setOffline(false);
	await expect(status).toHaveText('Connected');
	await expect(unit(observer, '6')).toContainText(words);

	for (const page of [worker, observer]) await page.context().close();
});

test('a change the server refuses is named in a notice, and the text returns to the server’s', async ({
	browser
}) => {
	const run = Date.now().toString(36);
	const kept = ` [kept ${run}]`;
	const lost = ` [lost ${run}]`;
	const employer = await openMeetingAs(browser, 'emp-member');
	const observer = await openMeetingAs(browser, 'observer');
	const secretariat = await openMeetingAs(browser, 'secretariat');
	const setDrafter = async (on: boolean) => {
		await secretariat.goto(`${DEMO_MEETING}/participants`);
		const row = secretariat.getByRole('row', { name: /Employer member/ });
		await row.getByText('Edit').click();
		await row.getByLabel('Drafting committee').setChecked(on);
		await row.getByRole('button', { name: 'Save' }).click();
		await expect(
			secretariat
				.getByRole('row', { name: /Employer member/ })
				.locator('td')
				.nth(3)
		).toHaveText(on ? 'Drafting committee' : '—');
	};

	try {
		await unit(employer, '4').getByRole('button').first().focus();
		await employer.keyboard.press('Enter');
		await employer.keyboard.type(kept);
		await expect(unit(observer, '4')).toContainText(kept);

		// The secretariat takes the employer off the drafting committee while their editor is open.
		await setDrafter(false);
		await employer.keyboard.type(lost);

		// The socket was opened as a drafter: it closes (4409) within moments and the page starts again as
		// what they are now. Keys typed before the close are named as not saved; after it, the editor is gone.
		const notice = employer.getByRole('alert');
		await expect(notice).toContainText('Your part in this meeting has changed');
		await expect(employer.locator('.cm-editor')).toHaveCount(0);
		await expect(unit(employer, '4')).toContainText(kept);
		await expect(unit(employer, '4')).not.toContainText(lost);
		await expect(unit(observer, '4')).not.toContainText(lost);
		await expect(employer.locator('.conn-status')).toHaveText('Connected');
		// The page no longer offers what the server refuses.
		await expect(employer.locator('.document [role="button"]')).toHaveCount(0);
		await notice.getByRole('button', { name: 'Dismiss' }).click();
		await expect(notice).toHaveCount(0);
	} finally {
		await setDrafter(true);
		for (const page of [employer, observer, secretariat]) await page.context().close();
	}
});

test('a change made offline to a draft re-imported meanwhile is named as not saved', async ({ browser }) => {
	const run = Date.now().toString(36);
	const draft = (first: string) =>
		`Conclusions\n\nThe Meeting,\n\nAdopts the following conclusions:\n\n1. ${first}\n\n2. Second paragraph.\n`;
	const importDraft = async (page: Page, first: string) => {
		await expect(page.getByRole('heading', { name: 'Import the Office draft' })).toBeVisible();
		await page.getByLabel('Text', { exact: true }).fill(draft(first));
		await page.getByRole('button', { name: 'Preview' }).click();
		await page.getByRole('button', { name: 'Import this text' }).click();
		await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]+$/);
	};

	// A meeting of its own, so that the demo meeting the other specs read stays as it is.
	const office = await (await browser.newContext()).newPage();
	await signIn(office, 'secretariat');
	await office.goto('/meetings/new');
	await office.getByLabel('Title').fill(`Re-import ${run}`);
	await office.getByLabel('Venue').fill('Geneva');
	await office.getByLabel('First day').fill('2026-10-01');
	await office.getByLabel('Last day').fill('2026-10-02');
	await office.getByRole('button', { name: 'Create meeting' }).click();
	await importDraft(office, 'Original first paragraph.');
	const meetingPath = new URL(office.url()).pathname;

	// The same secretariat member at a second screen, editing paragraph 1 while offline.
	const screen = await (await browser.newContext()).newPage();
	await signIn(screen, 'secretariat');
	await screen.goto(meetingPath);
	await expect(screen.locator('.conn-status')).toHaveText('Connected');
	await unit(screen, '1').getByRole('button').focus();
	await screen.keyboard.press('Enter');
	await screen.context().setOffline(true);
	await expect(screen.locator('.conn-status')).toHaveText('Offline');
	await screen.keyboard.type(' [typed offline]');
	await expect(screen.locator('.conn-status')).toHaveText('Offline — your changes are kept on this device');

	await office.goto(`${meetingPath}/import`);
	await importDraft(office, 'Replaced first paragraph.');

	await screen.context().setOffline(false);
	await expect(screen.getByRole('alert')).toContainText('Your last change to paragraph 1 was not saved');
	await expect(unit(screen, '1')).toHaveText(/Replaced first paragraph\./);
	await expect(unit(screen, '1')).not.toContainText('[typed offline]');
	await expect(screen.locator('.conn-status')).toHaveText('Connected');

	for (const page of [office, screen]) await page.context().close();
});

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
