// The import page's actions with a Word upload: the preview shows the document, and confirming
// imports exactly the text that was previewed. Permissions and the database are not what is tested.
import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { toImportJson } from '#lib/domain/import-json.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { fixtureDocx, fixtureText } from '#lib/server/docx-import/test-docx.ts';
import { importRequest, runImportAction, wordFileForm } from './import-page.ts';

const imported: DraftText[] = [];
vi.mock('#lib/server/guard.ts', () => import('./import-page.ts').then((m) => m.allowedGuard));
vi.mock('#lib/server/db/index.ts', () => import('./import-page.ts').then((m) => m.noDatabase));
vi.mock('#lib/server/meetings/text-store.ts', () => import('./import-page.ts').then((m) => m.emptyDraftText));
vi.mock('#lib/server/meetings/commands.ts', () => ({
	importDraft: (_db: unknown, _user: unknown, _meeting: unknown, text: DraftText) => imported.push(text)
}));

const { actions } = await import('../../src/routes/meetings/[meetingId]/import/+page.server.ts');

function run(action: keyof typeof actions, form: FormData): Promise<unknown> {
	return runImportAction(actions[action], importRequest(form));
}

const upload = wordFileForm;

const fixtureJson = () => {
	const result = parsePlainText(fixtureText());
	if (!result.ok) throw new Error(result.error);
	return toImportJson(result.text);
};

describe('the import page with a Word file', () => {
	it('previews the uploaded .docx, and confirming imports what was previewed', async () => {
		const preview = (await run('preview', upload(await fixtureDocx('automatic'), 'draft.docx'))) as {
			source: string;
			wordFile: string;
			preview: { text: DraftText; warnings: unknown[] };
		};
		expect(preview.wordFile).toBe('draft.docx');
		expect(preview.preview.warnings).toEqual([]);
		expect(toImportJson(preview.preview.text)).toEqual(fixtureJson());

		const confirm = new FormData();
		confirm.set('source', preview.source);
		imported.length = 0;
		await run('import', confirm).catch((e: unknown) => {
			if (!isRedirect(e)) throw e;
		});
		expect(imported).toHaveLength(1);
		expect(toImportJson(imported[0] as DraftText)).toEqual(toImportJson(preview.preview.text));
	});

	it('says why a file is refused, and still previews pasted text', async () => {
		const refused = (await run(
			'preview',
			upload(new TextEncoder().encode('PK\u0003\u0004junk'), 'draft.docx')
		)) as {
			status: number;
			data: { error: string };
		};
		expect(refused.status).toBe(400);
		expect(refused.data.error).toMatch(/This Word file is damaged/);

		const pasted = new FormData();
		pasted.set('source', 'Conclusions\n\n1. One.\n');
		pasted.set('file', new File([], ''));
		const preview = (await run('preview', pasted)) as { wordFile: null; preview: { text: DraftText } };
		expect(preview.wordFile).toBeNull();
		expect(toImportJson(preview.preview.text).body).toEqual([
			{ type: 'paragraph', number: '1', text: 'One.', subparagraphs: [] }
		]);
	});
});
