// Test support for the import page's actions (src/routes/meetings/[meetingId]/import/+page.server.ts)
// called as SvelteKit calls them, for meeting m1, with permissions and the database out of the way: what
// the vi.mock factories give, and the form and request a browser's upload makes.

/** `#lib/server/guard.ts`: everyone is allowed, as user u1, and a command answers with its value. */
export const allowedGuard = {
	requireAllowed: () => ({ user: { id: 'u1' } }),
	tryCommand: async (fn: () => unknown) => ({ ok: true, value: await fn() })
};

/** `#lib/server/db/index.ts`: no database. */
export const noDatabase = { getDb: () => null };

/** `#lib/server/meetings/text-store.ts`: the meeting's draft is empty. */
export const emptyDraftText = { loadDraftText: () => ({ text: { body: [], preamble: [] } }) };

/** The import form with a Word file chosen and nothing pasted. */
export function wordFileForm(bytes: Uint8Array, name: string): FormData {
	const form = new FormData();
	form.set('source', '');
	form.set('file', new File([Uint8Array.from(bytes)], name));
	return form;
}

/** The form posted to the import page of meeting m1. */
export const importRequest = (form: FormData): Request =>
	new Request('http://localhost/meetings/m1/import', { method: 'POST', body: form });

/** One of the page's actions run on `request`, as SvelteKit runs it. */
export function runImportAction(action: unknown, request: Request): Promise<unknown> {
	return (action as (event: unknown) => Promise<unknown>)({
		request,
		params: { meetingId: 'm1' },
		locals: {}
	});
}
