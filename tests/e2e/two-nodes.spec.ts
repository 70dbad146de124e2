// Two nodes, one meeting, in the browser (docs/deployment.md): two app nodes started here as `npm start`
// starts them, on one SQLite file and a Redis of their own, each with its NODE_ID. Two drafting committee
// members, each in a browser context of their own on a different node, type in the same paragraph. Each
// sees the other's words and the other's caret with the other's name: what one node accepted reached the
// other through Redis and the database, and so did the presence its member announced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startRedis, type RunningRedis } from '../services/redis.ts';
import { startAppServer, type AppServer } from './global-setup.ts';
import { DEMO_MEETING, signIn } from './session.ts';

let dir: string;
let redis: RunningRedis;
let nodes: AppServer[] = [];

// Nodes of their own for each run of the test: each repetition starts from a fresh database.
test.beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-e2e-nodes-'));
	redis = await startRedis();
	const databasePath = path.join(dir, 'two-nodes.db');
	const node = (id: string) => startAppServer({ databasePath, env: { REDIS_URL: redis.url, NODE_ID: id } });
	// One after the other: the second finds the database migrated and the demo seeded by the first.
	nodes = [await node('node-a')];
	nodes.push(await node('node-b'));
});

test.afterEach(async () => {
	for (const node of nodes.splice(0).reverse()) await node.stop();
	await redis?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Signed in on `node`, on the demo meeting, its live document's socket open to that node. */
async function openOn(browser: Browser, node: AppServer, username: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: node.url });
	const page = await context.newPage();
	await signIn(page, username);
	const socket = page.waitForEvent(
		'websocket',
		(ws) => new URL(ws.url()).pathname === '/collab/meeting/ttmlm-2013'
	);
	await page.goto(DEMO_MEETING);
	expect(new URL((await socket).url()).host).toBe(new URL(node.url).host);
	await expect(page.locator('.conn-status')).toHaveText('Connected');
	return page;
}

const subparagraph = (page: Page, ref: string) => page.locator(`li[data-ref="${ref}"]`);

/** Opens 5(iii) from the keyboard (the cursor starts at the end of its text) and types `words`. */
async function typeIn(page: Page, words: string) {
	await subparagraph(page, '5(iii)').getByRole('button').focus();
	await page.keyboard.press('Enter');
	const editor = subparagraph(page, '5(iii)').locator('.cm-editor');
	await expect(editor.locator('.cm-content')).toBeFocused();
	await page.keyboard.type(words);
	return editor;
}

test('members on two nodes edit 5(iii) together and see each other’s words and carets', async ({
	browser
}) => {
	const [nodeA, nodeB] = nodes as [AppServer, AppServer];
	expect(nodeA.url).not.toBe(nodeB.url);
	const run = Date.now().toString(36);
	const workersWords = ` [workers ${run}]`;
	const employersWords = ` [employers ${run}]`;
	const worker = await openOn(browser, nodeA, 'wkr-member');
	const employer = await openOn(browser, nodeB, 'emp-member');

	const workerEditor = await typeIn(worker, workersWords);
	const employerEditor = await typeIn(employer, employersWords);

	for (const editor of [workerEditor, employerEditor]) {
		await expect(editor.locator('.cm-content')).toContainText(workersWords);
		await expect(editor.locator('.cm-content')).toContainText(employersWords);
	}
	await expect(workerEditor.locator('.cm-ySelectionCaret .cm-ySelectionInfo')).toHaveText('Employer member');
	await expect(employerEditor.locator('.cm-ySelectionCaret .cm-ySelectionInfo')).toHaveText('Worker member');
	for (const page of [worker, employer]) await expect(page.locator('.conn-status')).toHaveText('Connected');

	for (const page of [worker, employer]) await page.context().close();
});
