import { fail, redirect } from '@sveltejs/kit';
import { parsePlainText, type ImportResult } from '#lib/domain/import-text.ts';
import { getDb } from '#lib/server/db/index.ts';
import { importDocxInWorker, looksLikeWordFile, MAX_DOCX_BYTES } from '#lib/server/docx-import/index.ts';
import { importDraft } from '#lib/server/meetings/commands.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { requireAllowed, tryCommand } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

const MAX_SOURCE = 2_000_000; // characters: far beyond any conclusions, well below a memory risk

async function readSource(request: Request) {
	const source = String((await request.formData()).get('source') ?? '');
	return source.length > MAX_SOURCE ? null : source;
}

/** What the preview shows: pasted text, or an uploaded file, which is read here and never stored. */
type Read =
	| { ok: true; source: string; wordFile: string | null; result: ImportResult & { ok: true } }
	| { ok: false; status: number; source: string; wordFile: string | null; error: string };

async function readPreview(form: FormData): Promise<Read> {
	const upload = form.get('file');
	if (upload instanceof File && upload.size > 0) return readUpload(upload);
	const source = String(form.get('source') ?? '');
	if (source.length > MAX_SOURCE)
		return { ok: false, status: 413, source: '', wordFile: null, error: 'import.tooLarge' };
	const result = parsePlainText(source);
	if (!result.ok) return { ok: false, status: 400, source, wordFile: null, error: result.error };
	return { ok: true, source, wordFile: null, result };
}

async function readUpload(upload: File): Promise<Read> {
	const wordFile = upload.name;
	const refuse = (status: number, error: string): Read => ({
		ok: false,
		status,
		source: '',
		wordFile,
		error
	});
	if (upload.size > MAX_DOCX_BYTES) return refuse(413, 'docxImport.tooLarge');
	const bytes = new Uint8Array(await upload.arrayBuffer());
	// A text file chosen by mistake is read as text rather than refused as a damaged Word file.
	if (!looksLikeWordFile(bytes) && !/\.(docx|docm|dotx|dotm|doc)$/i.test(wordFile)) {
		const source = new TextDecoder().decode(bytes);
		if (source.length > MAX_SOURCE) return refuse(413, 'import.tooLarge');
		const result = parsePlainText(source);
		if (!result.ok) return refuse(400, result.error);
		return { ok: true, source, wordFile: null, result };
	}
	// Read off the event loop, within bounds of time and memory (DOCX-14). Confirming imports the
	// converted text from the form, so it must fit there too: a longer one is refused before it is parsed.
	const result = await importDocxInWorker(bytes, { maxTextLength: MAX_SOURCE });
	if (!result.ok) return result.tooLong ? refuse(413, 'import.tooLarge') : refuse(400, result.error);
	return { ok: true, source: result.source, wordFile, result };
}

export const load: PageServerLoad = (event) => {
	requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
	const current = loadDraftText(getDb(), event.params.meetingId).text;
	return { hasText: current.body.length > 0 || current.preamble.length > 0 };
};

export const actions: Actions = {
	preview: async (event) => {
		requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const read = await readPreview(await event.request.formData());
		if (!read.ok) {
			const { status, source, wordFile, error } = read;
			return fail(status, { source, wordFile, error });
		}
		const { source, wordFile, result } = read;
		// A Word file's warnings point at its paragraphs; the page says so (DOCX-4).
		return { source, wordFile, preview: { text: result.text, warnings: result.warnings } };
	},
	import: async (event) => {
		const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const source = await readSource(event.request);
		if (source === null) return fail(413, { source: '', error: 'import.tooLarge' });
		// Parsed again from the same source: the server never trusts a structure sent back by the browser.
		// For a Word file the source is the text it was converted to, so what was previewed is imported.
		const result = parsePlainText(source);
		if (!result.ok) return fail(400, { source, error: result.error });
		// A refusal (amendments exist, a unit is decided) is said beside the form, the source kept.
		const done = await tryCommand(() => importDraft(getDb(), user, event.params.meetingId, result.text));
		if (!done.ok) return fail(done.status, { source, error: done.message });
		redirect(303, `/meetings/${event.params.meetingId}`);
	}
};
