// The Chair's decisions, each person in their own browser context: the Chair walks three paragraphs from
// the keyboard, adopts the first (as drafted: no amendment to it was adopted, so the console does not
// offer "as amended", DEC-10), defers the second and brackets words of the third; the
// projector follows; a drafting committee member who typed in the paragraph while it was being adopted is
// told what was not saved; the record of proceedings has the three decisions in order. Decisions lock
// paragraphs, so this spec runs on a server of its own.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startAppServer, type AppServer } from './global-setup.ts';
import { DEMO_MEETING, signIn } from './session.ts';

let server: AppServer;
test.beforeAll(async () => {
	server = await startAppServer();
});
test.afterAll(async () => {
	await server?.stop();
});

async function signedIn(browser: Browser, username: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url });
	const page = await context.newPage();
	await signIn(page, username);
	return page;
}

async function openMeetingAs(browser: Browser, username: string): Promise<Page> {
	const page = await signedIn(browser, username);
	await page.goto(DEMO_MEETING);
	await expect(page.locator('.conn-status')).toHaveText('Connected');
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	return page;
}

const unit = (page: Page, ref: string) => page.locator(`[data-ref="${ref}"]`).first();
const paragraphStatus = (page: Page, ref: string) => page.locator(`section[data-ref="${ref}"] > .status`);
const PHRASE = 'at regional, national and sectoral levels';

/** Selects `words` in the rendered text of the unit cited as `ref`, as a mouse would. */
async function selectWords(page: Page, ref: string, words: string) {
	await unit(page, ref)
		.locator('[data-unit]')
		.first()
		.evaluate((root, w) => {
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const at = node.textContent?.indexOf(w) ?? -1;
				if (at < 0) continue;
				const range = document.createRange();
				range.setStart(node, at);
				range.setEnd(node, at + w.length);
				const selection = window.getSelection()!;
				selection.removeAllRanges();
				selection.addRange(range);
				return;
			}
			throw new Error(`"${w}" not in the text`);
		}, words);
}

test('the Chair walks the text from the keyboard; the screen follows; the record keeps the decisions', async ({
	browser
}) => {
	test.slow(); // four browser contexts on two cores
	const run = Date.now().toString(36);
	const lost = ` [typed while adopted ${run}]`;

	const chair = await openMeetingAs(browser, 'chair');
	const member = await openMeetingAs(browser, 'emp-member');
	const screen = await signedIn(browser, 'observer');
	await screen.goto(`${DEMO_MEETING}/screen`);
	await expect(screen.getByText('The Chair has not taken up a paragraph yet.')).toBeVisible();
	// No chrome on the projector: no application header, no meeting tabs.
	await expect(screen.locator('.app-header')).toBeHidden();
	await expect(screen.locator('.meeting-bar')).toHaveCount(0);

	// The member follows the Chair: the page brings what is under discussion into view.
	await member.getByLabel('Follow the Chair').check();

	const desk = chair.getByRole('region', { name: 'Chair’s console' });
	const now = desk.getByTestId('now-discussing');
	const screenUnit = screen.getByTestId('screen-unit');

	// The key map is there for the asking.
	await chair.keyboard.press('?');
	await expect(desk.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
	await expect(desk.locator('#chair-keys')).toContainText('Adopt as amended');
	await chair.keyboard.press('?');
	await expect(desk.locator('#chair-keys')).toHaveCount(0);

	// The Chair takes up paragraph 1; everyone sees it highlighted, the screen shows it.
	await desk.getByLabel('Paragraph to take up').selectOption({ label: 'paragraph 1' });
	await desk.getByRole('button', { name: 'Take up' }).click();
	await expect(now).toContainText('Now discussing: paragraph 1');
	await expect(now).toContainText('Under discussion');
	await expect(screenUnit).toHaveText('Paragraph 1');
	await expect(screen.locator('.screen .text')).toContainText('The ILO’s Decent Work Agenda is critical');
	await expect(unit(member, '1')).toHaveClass(/focused/);

	// A drafting committee member is typing in paragraph 1 with a bad connection while it is adopted.
	await unit(member, '1').getByRole('button').first().focus();
	await member.keyboard.press('Enter');
	await expect(unit(member, '1').locator('.cm-content')).toBeFocused();
	await member.context().setOffline(true);
	await expect(member.locator('.conn-status')).toHaveText('Offline');
	await member.keyboard.type(lost);
	await expect(member.locator('.conn-status')).toHaveText('Offline — your changes are kept on this device');

	// No amendment to paragraph 1 was adopted: "as amended" is not offered, and the console says why
	// (DEC-10); Shift+A does nothing. A: adopted (as drafted).
	await expect(desk.getByRole('button', { name: 'Adopt as amended' })).toBeDisabled();
	await expect(desk.getByTestId('adoption-note')).toHaveText(
		'No amendment to this text has been adopted: adopt it as drafted.'
	);
	await chair.keyboard.press('Shift+A');
	await expect(now).toContainText('Under discussion');
	await chair.keyboard.press('a');
	await expect(now).toContainText('Adopted');
	await expect(paragraphStatus(chair, '1')).toHaveText('Adopted');
	await expect(screen.locator('.screen header .status')).toHaveText('Adopted');

	// The member's connection returns: the server refuses the change to the adopted paragraph, and the
	// member is told what was not saved.
	await member.context().setOffline(false);
	const notice = member.getByRole('alert');
	await expect(notice).toContainText('Your last change to paragraph 1 was not saved');
	await expect(unit(member, '1')).not.toContainText(lost);
	await expect(paragraphStatus(member, '1')).toHaveText('Adopted');
	await expect(member.locator('.conn-status')).toHaveText('Connected');

	// J: the next paragraph; D: deferred. The screen follows.
	await chair.keyboard.press('j');
	await expect(now).toContainText('Now discussing: paragraph 2');
	await expect(screenUnit).toHaveText('Paragraph 2');
	await expect(unit(member, '2')).toHaveClass(/focused/);
	await chair.keyboard.press('d');
	await expect(now).toContainText('Deferred');
	await expect(paragraphStatus(chair, '2')).toHaveText('Deferred');

	// J again: subparagraph 2(i). The Chair selects words in it and presses B: they are in brackets.
	await chair.keyboard.press('j');
	await expect(now).toContainText('Now discussing: paragraph 2(i)');
	await expect(screenUnit).toHaveText('Paragraph 2(i)');
	await selectWords(chair, '2(i)', PHRASE);
	await chair.keyboard.press('b');
	await expect(now).toContainText('In square brackets');
	for (const page of [chair, member]) await expect(unit(page, '2(i)')).toContainText(`[${PHRASE}]`);
	await expect(screen.locator('.screen .text')).toContainText(`[${PHRASE}]`);
	await expect(desk.getByRole('button', { name: `Remove the brackets around “${PHRASE}”` })).toBeVisible();
	// Words in brackets are not agreed: the paragraph cannot be adopted until they are settled (DEC-5).
	await expect(desk.getByRole('button', { name: 'Adopt', exact: true })).toBeDisabled();

	// K goes back; the screen follows again.
	await chair.keyboard.press('k');
	await expect(now).toContainText('Now discussing: paragraph 2');
	await expect(screenUnit).toHaveText('Paragraph 2');

	// Taking up a paragraph far down the text brings it into view for whoever follows the Chair.
	await desk.getByLabel('Paragraph to take up').selectOption({ label: 'paragraph 9' });
	await desk.getByRole('button', { name: 'Take up' }).click();
	await expect(now).toContainText('Now discussing: paragraph 9');
	await expect(unit(member, '9')).toBeInViewport();

	// Paragraph 1 is reopened, with a reason for the record; the member may edit it again.
	const reason = `A word was missed (${run}).`;
	await desk.getByLabel('Paragraph to take up').selectOption({ label: 'paragraph 1' });
	await desk.getByRole('button', { name: 'Take up' }).click();
	await expect(now).toContainText('Now discussing: paragraph 1');
	await expect(now).toContainText('Adopted');
	await desk.getByRole('button', { name: 'Reopen', exact: true }).click();
	await desk.getByLabel('Why is it reopened? (goes on the record)').fill(reason);
	await desk.getByRole('button', { name: 'Reopen paragraph 1' }).click();
	await expect(now).toContainText('Under discussion');
	await expect(paragraphStatus(member, '1')).toHaveText('Under discussion');
	await expect(unit(member, '1').getByRole('button').first()).toBeVisible();

	// The record of proceedings has the decisions, in the order they were taken.
	await chair.getByRole('link', { name: 'Record of proceedings' }).click();
	await expect(chair.getByRole('heading', { name: 'Record of proceedings' })).toBeVisible();
	const sentences = await chair.locator('.sentence').allTextContents();
	const expected = [
		'Paragraph 1 was adopted.',
		'Paragraph 2 was deferred.',
		`The words “${PHRASE}” in paragraph 2(i) were placed in square brackets.`,
		`Paragraph 1 was reopened. The reason given: ${reason}`
	];
	const at = expected.map((s) => sentences.indexOf(s));
	expect(
		at.every((i) => i >= 0),
		`record: ${sentences.join(' | ')}`
	).toBe(true);
	expect([...at].sort((a, b) => a - b)).toEqual(at);

	for (const page of [chair, member, screen]) await page.context().close();
});

test('a statement goes beside the paragraph, never into it; a vote is tallied with equal weight per group', async ({
	browser
}) => {
	const run = Date.now().toString(36);
	const words = `Not to be read as binding (${run}).`;
	const spokesperson = await openMeetingAs(browser, 'wkr-spokesperson');
	const chair = await openMeetingAs(browser, 'chair');

	// The Workers' spokesperson speaks for the group on paragraph 3.
	await spokesperson.getByText('Record a statement').click();
	const form = spokesperson.locator('details').filter({ hasText: 'Record a statement' });
	await form.getByLabel('Kind').selectOption({ label: 'Interpretive statement' });
	await form.locator('select[name="unitId"]').selectOption({ label: 'paragraph 3' });
	await form.getByLabel('On behalf of my group').check();
	await form.getByLabel('Statement', { exact: true }).fill(words);
	await form.getByRole('button', { name: 'Put on the record' }).click();
	await expect(form.getByRole('status')).toHaveText('The statement is on the record.');

	// Everyone sees it beside paragraph 3, outside its words.
	for (const page of [spokesperson, chair]) {
		const beside = unit(page, '3').locator('aside.statements');
		await expect(beside).toContainText(`Interpretive statement Workers group: ${words}`);
		await expect(unit(page, '3').locator('[data-unit]').first()).not.toContainText(words);
	}

	// The Chair records a vote on paragraph 3: three members per group in the demo, one vote each.
	await chair.getByText('Record a vote').click();
	const vote = chair.locator('details').filter({ hasText: 'Record a vote' });
	await vote.locator('select[name="subject"]').selectOption({ label: 'paragraph 3' });
	await vote.getByLabel('Government: Yes').fill('3');
	await vote.getByLabel('Employers: No').fill('3');
	await vote.getByLabel('Workers: Yes').fill('2');
	await vote.getByRole('button', { name: 'Record the vote' }).click();
	const tally = vote.locator('.tally');
	await expect(tally).toContainText('Carried');
	await expect(tally.locator('tr.total')).toContainText('5');

	// The secretariat sets a quorum of 4; the Chair then takes a vote member by member on paragraph 4,
	// where only three members vote: it does not stand.
	const secretariat = await openMeetingAs(browser, 'secretariat');
	await secretariat.getByText('Record a vote').click();
	const desk = secretariat.locator('details').filter({ hasText: 'Record a vote' });
	await desk.getByLabel('Quorum (members who must take part)').fill('4');
	await desk.getByRole('button', { name: 'Set the quorum' }).click();
	await expect(desk.locator('form.quorum button')).toBeEnabled();
	await chair.reload();
	await chair.getByText('Record a vote').click();
	await expect(vote.getByText('Quorum: 4 members.')).toBeVisible();
	await vote.locator('select[name="subject"]').selectOption({ label: 'paragraph 4' });
	await vote.getByLabel('Member by member').check();
	await vote.getByLabel('Vote of Government of Italy').selectOption({ label: 'Yes' });
	await vote.getByLabel('Vote of Employer member').selectOption({ label: 'No' });
	await vote.getByLabel('Vote of Worker member').selectOption({ label: 'Abstain' });
	await vote.getByRole('button', { name: 'Record the vote' }).click();
	await expect(vote.locator('.tally')).toContainText('No quorum: the vote does not stand');
	await expect(vote.locator('.tally')).toContainText('3 members took part (quorum 4).');

	await chair.getByRole('link', { name: 'Record of proceedings' }).click();
	await expect(chair.locator('.sentence').filter({ hasText: words })).toHaveCount(1);
	await expect(chair.locator('.sentence').filter({ hasText: 'A vote was taken on paragraph 3' })).toHaveCount(
		1
	);
	await expect(
		chair
			.locator('.sentence')
			.filter({ hasText: 'A vote was taken on paragraph 4, but the members taking part (3)' })
	).toHaveCount(1);
	await secretariat.context().close();

	for (const page of [spokesperson, chair]) await page.context().close();
});

test('the history shows what changed between two moments of the record, and who shaped the paragraph', async ({
	browser
}) => {
	const typed = ` Typed for the history (${Date.now().toString(36)}).`;
	const chair = await openMeetingAs(browser, 'chair');
	const member = await openMeetingAs(browser, 'emp-member');
	const desk = chair.getByRole('region', { name: 'Chair’s console' });
	const now = desk.getByTestId('now-discussing');

	// Paragraph 6 is taken up and deferred: the first moment.
	await desk.getByLabel('Paragraph to take up').selectOption({ label: 'paragraph 6' });
	await desk.getByRole('button', { name: 'Take up' }).click();
	await expect(now).toContainText('Now discussing: paragraph 6');
	await chair.locator('body').click({ position: { x: 1, y: 1 } });
	await chair.keyboard.press('D');
	await expect(now).toContainText('Deferred');

	// A drafting member adds words at its end; the server has them when the page says all is saved.
	await unit(member, '6').getByRole('button').first().focus();
	await member.keyboard.press('Enter');
	await expect(unit(member, '6').locator('.cm-content')).toBeFocused();
	await member.keyboard.press('End');
	await member.keyboard.type(typed);
	await expect(member.locator('.conn-status')).toHaveText('Connected');
	await expect(unit(chair, '6')).toContainText(typed.trim());

	// Then it is adopted: the second moment. (As drafted: the committee's typing is no adopted amendment,
	// DEC-10.)
	await desk.getByLabel('Paragraph to take up').selectOption({ label: 'paragraph 6' });
	await desk.getByRole('button', { name: 'Take up' }).click();
	await chair.locator('body').click({ position: { x: 1, y: 1 } });
	await chair.keyboard.press('a');
	await expect(now).toContainText('Adopted');

	await chair.getByRole('link', { name: 'History' }).click();
	const compare = chair.locator('form').filter({ has: chair.locator('select[name="from"]') });
	await compare.locator('select[name="from"]').selectOption({ label: 'Paragraph 6 was deferred.' });
	await compare.locator('select[name="to"]').selectOption({ label: 'Paragraph 6 was adopted.' });
	await compare.getByRole('button', { name: 'Compare' }).click();
	const changes = chair.getByTestId('changes');
	await expect(changes.locator('li')).toHaveCount(1);
	await expect(changes.locator('li strong')).toHaveText('6');
	await expect(changes.locator('ins')).toContainText(typed.trim());

	const shaped = chair.locator('form').filter({ has: chair.locator('select[name="unit"]') });
	await shaped.locator('select[name="unit"]').selectOption({ label: '6' });
	await shaped.getByRole('button', { name: 'Show' }).click();
	await expect(chair.getByTestId('shaped')).toContainText(
		`Employer member: ${typed.length} characters in the text now`
	);

	for (const page of [chair, member]) await page.context().close();
});
