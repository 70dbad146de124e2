// Amendments from draft to adoption, each person in their own browser context: two Workers co-write a
// draft in their group's room, their secretary tables it, the other groups see it appear and state
// positions, the Employers subamend it, and the Chair adopts both. Adopting rewrites paragraph 9(iii), so
// this spec runs on a server of its own (other specs read the demo text as imported).
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { startAppServer, type AppServer } from './global-setup.ts';
import { DEMO_MEETING, signIn } from './session.ts';

let server: AppServer;
test.beforeAll(async () => {
	server = await startAppServer();
});
test.afterAll(async () => {
	await server?.stop();
});

async function openMeetingAs(browser: Browser, username: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url });
	const page = await context.newPage();
	await signIn(page, username);
	await page.goto(DEMO_MEETING);
	await expect(page.locator('.conn-status')).toHaveText('Connected');
	return page;
}

const REF = '9(iii)';
const subparagraph = (page: Page, ref: string) => page.locator(`li[data-ref="${ref}"]`);
const badge = (page: Page, ref: string) => subparagraph(page, ref).locator('.amd-badge');
const drafts = (page: Page) => page.getByRole('region', { name: /^Our drafts/ });
const draftItem = (page: Page, text: string) => drafts(page).locator('.draft-item').filter({ hasText: text });
const panel = (page: Page) => page.getByRole('region', { name: `Amendments to ${REF}` });
const card = (page: Page, code: string) => panel(page).locator(`article[data-code="${code}"]`);
const stance = (page: Page, code: string, group: string) => card(page, code).getByTestId(`stance-${group}`);

async function openPanel(page: Page) {
	if (await panel(page).isVisible()) return;
	await badge(page, REF).click();
	await expect(panel(page)).toBeVisible();
}

/** Opens a draft's wording in the editor (from the keyboard), cursor at the end, and types `words`. */
async function typeInDraft(page: Page, item: Locator, words: string) {
	await item.locator('.draft-wording').focus();
	await page.keyboard.press('Enter');
	await expect(item.locator('.cm-content')).toBeFocused();
	await page.keyboard.type(words);
}

/** Tables a draft and returns the code it got ("Tabled as D.n."). */
async function table(page: Page, item: Locator): Promise<string> {
	await item.getByRole('button', { name: /^Table\b/ }).click();
	const status = drafts(page)
		.getByRole('status')
		.filter({ hasText: /Tabled as D\.\d+/ });
	await expect(status).toBeVisible();
	const code = /D\.\d+/.exec((await status.textContent()) ?? '')?.[0];
	if (!code) throw new Error('no code');
	return code;
}

async function step(page: Page, code: string, name: RegExp) {
	await card(page, code).getByRole('button', { name }).click();
}

test('a draft is co-written in private, tabled, subamended and adopted, live for everyone', async ({
	browser
}) => {
	test.slow(); // seven steps across six browser contexts on two cores
	const run = Date.now().toString(36);
	const why = `Workers' reason ${run}`;
	const memberWords = ` [member ${run}]`;
	const secretaryWords = ` [secretary ${run}]`;
	const employerWords = ` [employers ${run}]`;

	const member = await openMeetingAs(browser, 'wkr-member');
	const secretary = await openMeetingAs(browser, 'wkr-secretary');
	const empSpokesperson = await openMeetingAs(browser, 'emp-spokesperson');
	const empSecretary = await openMeetingAs(browser, 'emp-secretary');
	const coordinator = await openMeetingAs(browser, 'gov-coordinator');
	const chair = await openMeetingAs(browser, 'chair');
	const everyone = [member, secretary, empSpokesperson, empSecretary, coordinator, chair];

	// A Workers' member starts a draft on 9(iii); the form offers the paragraph's own words to edit.
	await drafts(member).getByText('New amendment').click();
	const form = drafts(member).locator('form.draft-form');
	await form.getByLabel('Text it changes').selectOption({ label: `Paragraph ${REF}` });
	await expect(form.getByRole('textbox', { name: 'Wording', exact: true })).toHaveValue(
		/^Create a repository of agreements/
	);
	await form.getByLabel('Justification (optional)').fill(why);
	await form.getByRole('button', { name: 'Start the draft' }).click();

	// Both Workers see it and write in it together, each seeing the other's words and caret.
	const mine = draftItem(member, why);
	const theirs = draftItem(secretary, why);
	await expect(mine).toContainText(`Change of wording · Paragraph ${REF}`);
	await expect(theirs).toBeVisible();
	await typeInDraft(member, mine, memberWords);
	await typeInDraft(secretary, theirs, secretaryWords);
	for (const item of [mine, theirs]) {
		await expect(item.locator('.cm-content')).toContainText(memberWords);
		await expect(item.locator('.cm-content')).toContainText(secretaryWords);
	}
	await expect(mine.locator('.cm-ySelectionInfo')).toHaveText("Workers' group secretary");
	await expect(theirs.locator('.cm-ySelectionInfo')).toHaveText('Worker member');
	// The live diff shows the additions against the paragraph as it stands.
	await expect(theirs.locator('.word-diff ins').first()).toContainText(run);

	// Nobody outside the Workers sees the draft before it is tabled.
	for (const page of [empSpokesperson, empSecretary, coordinator, chair]) {
		await expect(page.locator('body')).not.toContainText(run);
		await expect(badge(page, REF)).toHaveCount(0);
	}

	// The Workers' secretary tables it; the others see it appear without reloading.
	await secretary.keyboard.press('Escape');
	const parent = await table(secretary, theirs);
	await expect(theirs).toHaveCount(0);
	await expect(mine).toHaveCount(0);
	for (const page of everyone) await expect(badge(page, REF)).toHaveText(/Amendments \(1\)/);
	for (const page of everyone) await openPanel(page);
	for (const page of everyone) {
		await expect(card(page, parent)).toContainText('Workers');
		await expect(card(page, parent).locator('ins')).toContainText(`member ${run}`);
		await expect(card(page, parent)).toContainText(why);
	}

	// Positions: the Employers oppose, the Government can accept; everyone's grid follows.
	for (const [page, group, choice] of [
		[empSpokesperson, 'Employers', 'Oppose'],
		[coordinator, 'Government', 'Can accept']
	] as const) {
		const cell = card(page, parent).locator(`[data-group="${group.toLowerCase()}"]`);
		await cell
			.getByRole('combobox', { name: `Position of the ${group} group on ${parent}` })
			.selectOption({ label: choice });
		await cell.getByRole('button', { name: 'Set' }).click();
	}
	for (const page of everyone) {
		await expect(stance(page, parent, 'employers')).toHaveText('Oppose');
		await expect(stance(page, parent, 'government')).toHaveText('Can accept');
		await expect(stance(page, parent, 'workers')).toHaveText('No position');
		await expect(card(page, parent).locator('.pos-consensus')).toHaveText('No consensus');
	}
	// Only those who speak for a group get a form, and only in their own group's column.
	await expect(card(member, parent).locator('select')).toHaveCount(0);
	await expect(card(chair, parent).locator('select')).toHaveCount(0);
	await expect(card(empSpokesperson, parent).locator('select')).toHaveCount(1);
	// Every change is kept: the history lists both, oldest first, with who set them.
	await card(chair, parent).locator('.pos-history summary').click();
	const history = card(chair, parent).locator('.pos-history li');
	await expect(history).toHaveCount(2);
	await expect(history.nth(0)).toContainText('Employers: Oppose');
	await expect(history.nth(0)).toContainText("Employers' spokesperson");
	await expect(history.nth(1)).toContainText('Government: Can accept');

	// The Employers' secretary proposes a subamendment, adds to its wording and tables it.
	await card(empSecretary, parent)
		.getByRole('button', { name: /^Propose a subamendment/ })
		.click();
	const sub = draftItem(empSecretary, `Subamendment to ${parent}`);
	await expect(sub.getByRole('heading')).toBeFocused(); // the new draft is where the work goes on
	await expect(sub.locator('.draft-wording')).toContainText(memberWords.trim());
	await typeInDraft(empSecretary, sub, employerWords);
	await empSecretary.keyboard.press('Escape');
	await expect(sub.locator('.word-diff ins')).toContainText(`employers ${run}`);
	const subCode = await table(empSecretary, sub);
	for (const page of everyone) await expect(card(page, subCode)).toContainText(`Subamendment to ${parent}`);
	// The subamendment is taken right before its parent.
	await expect(panel(chair).locator('article[data-code]').first()).toHaveAttribute('data-code', subCode);

	// The Chair settles the subamendment, then adopts the parent as subamended.
	await step(chair, subCode, /^Call for discussion/);
	await expect(card(chair, subCode).getByTestId('amd-status')).toHaveText('Under discussion');
	await step(chair, subCode, /^Adopt D\.\d+$/);
	await expect(card(chair, subCode).getByTestId('amd-status')).toHaveText('Adopted');
	await step(chair, parent, /^Call for discussion/);
	await expect(card(chair, parent).getByTestId('amd-status')).toHaveText('Under discussion');
	await expect(card(chair, parent).getByRole('button', { name: /^Adopt D\.\d+$/ })).toHaveCount(0);
	await step(chair, parent, /^Adopt as subamended/);

	// Everyone reads 9(iii) as adopted, with all three contributions, and the grid as it stood.
	for (const page of everyone) {
		await expect(card(page, parent).getByTestId('amd-status')).toHaveText('Adopted as subamended');
		const words = subparagraph(page, REF).locator('p');
		await expect(words).toContainText(memberWords.trim());
		await expect(words).toContainText(secretaryWords.trim());
		await expect(words).toContainText(employerWords.trim());
		await expect(stance(page, parent, 'employers')).toHaveText('Oppose');
		await expect(badge(page, REF)).toHaveText(/Amendments \(2\)/);
	}
	for (const page of everyone) await expect(page.locator('.conn-status')).toHaveText('Connected');

	for (const page of everyone) await page.context().close();
});

test('adopting an amendment offers the Chair its rivals to declare fallen, and the secretariat its conflicts', async ({
	browser
}) => {
	test.slow();
	const run = Date.now().toString(36);
	const ref = '9(v)';
	const panelOf = (page: Page) => page.getByRole('region', { name: `Amendments to ${ref}` });
	const cardOf = (page: Page, code: string) => panelOf(page).locator(`article[data-code="${code}"]`);
	const workers = await openMeetingAs(browser, 'wkr-secretary');
	const employers = await openMeetingAs(browser, 'emp-secretary');
	const drafter = await openMeetingAs(browser, 'wkr-member');
	const chair = await openMeetingAs(browser, 'chair');
	const office = await openMeetingAs(browser, 'secretariat');

	// Two groups reword the same passage of 9(v), "in 2014 and thereafter", each its own way.
	async function draftAndTable(page: Page, from: string, to: string): Promise<string> {
		await drafts(page).getByText('New amendment').click();
		const form = drafts(page).locator('form.draft-form');
		await form.getByLabel('Text it changes').selectOption({ label: `Paragraph ${ref}` });
		const wording = form.getByRole('textbox', { name: 'Wording', exact: true });
		await expect(wording).toHaveValue(/^As Chair of the GMG in 2014 and thereafter/);
		await wording.fill((await wording.inputValue()).replace(from, to));
		await form.getByLabel('Justification (optional)').fill(`${to} because`);
		await form.getByRole('button', { name: 'Start the draft' }).click();
		return table(page, draftItem(page, `${to} because`));
	}
	const theirs = await draftAndTable(workers, 'in 2014 and thereafter', `from now on ${run}`);
	const rival = await draftAndTable(employers, 'and thereafter', `and beyond ${run}`);

	// Meanwhile a drafting committee member changes "2014" in the paragraph itself.
	await subparagraph(drafter, ref).locator('.unit-text').focus();
	await drafter.keyboard.press('Enter');
	await drafter.keyboard.press('ControlOrMeta+Home');
	for (let i = 0; i < 'As Chair of the GMG in '.length; i++) await drafter.keyboard.press('ArrowRight');
	await drafter.keyboard.type('X');
	await drafter.keyboard.press('Escape');
	await expect(subparagraph(chair, ref).locator('p')).toContainText('GMG in X2014');

	// The Chair takes the Workers' amendment first (the furthest from the text) and adopts it.
	await badge(chair, ref).click();
	await expect(panelOf(chair).locator('article[data-code]').first()).toHaveAttribute('data-code', theirs);
	await cardOf(chair, theirs)
		.getByRole('button', { name: /^Call for discussion/ })
		.click();
	await cardOf(chair, theirs)
		.getByRole('button', { name: /^Adopt D\.\d+$/ })
		.click();
	// Its change met the edit: it does not read as plainly adopted until the conflict is resolved (AMD-22).
	await expect(cardOf(chair, theirs).getByTestId('amd-status')).toHaveText(
		'Adopted — not yet all in the text (conflict)'
	);

	// The rival touches the same passage: the Chair is offered to declare it fallen, and does.
	const moot = cardOf(chair, theirs).getByRole('status');
	await expect(moot).toContainText(`These amendments touch the same passage: ${rival}`);
	await moot.getByRole('button', { name: `Mark ${rival} as fallen` }).click();
	await expect(cardOf(chair, rival).getByTestId('amd-status')).toHaveText('Fell');
	await expect(moot).toHaveCount(0);

	// The text had changed under the adopted words: everyone sees the conflict; the secretariat settles it.
	await badge(office, ref).click();
	const conflict = cardOf(office, theirs).locator('.amd-conflicts');
	await expect(conflict).toContainText(`from now on ${run}`);
	await expect(conflict).toContainText('X2014');
	await expect(cardOf(chair, theirs).locator('.amd-conflicts')).toBeVisible();
	await expect(cardOf(chair, theirs).getByRole('button', { name: 'Mark resolved' })).toHaveCount(0);
	await conflict.getByRole('button', { name: 'Mark resolved' }).click();
	for (const page of [office, chair]) {
		await expect(cardOf(page, theirs).locator('.amd-conflicts')).toContainText(
			'Settled by Secretariat (the Office).'
		);
		await expect(cardOf(page, theirs).getByTestId('amd-status')).toHaveText('Adopted');
	}

	for (const page of [workers, employers, drafter, chair, office]) await page.context().close();
});
