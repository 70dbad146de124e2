// The DOCX export read by another program: LibreOffice (headless) turns the demo meeting's conclusions
// into text, Word's automatic numbers included, and every paragraph and subparagraph must read as in
// the imported fixture, number and all. An independent reader: our own DOCX importer is tested on the
// same file in docx-import.test.ts, but a shared misreading of Word numbering would not show there.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import { demoCopies } from './demo-copy.ts';
import { libreOfficeTexts } from './libreoffice.ts';

const demo = demoCopies();
const FIXTURE = fs.readFileSync(
	new URL('../../src/lib/server/demo/ttmlm-2013-conclusions.txt', import.meta.url),
	'utf8'
);

/** The DOCX as LibreOffice writes it out as UTF-8 text, one paragraph a line. */
const libreOfficeText = (docx: Uint8Array): string => libreOfficeTexts({ conclusions: docx }).conclusions!;

describe('the conclusions as DOCX, read by LibreOffice', () => {
	it('have the fixture’s paragraphs with the same numbers and labels, in order', async () => {
		const file = await downloadOutput(
			demo.db,
			demo.user('observer'),
			DEMO_MEETING_ID,
			outputRequest('conclusions', 'docx')
		);
		const lines = libreOfficeText(file.bytes)
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		const numbered = (text: string[]) => text.filter((l) => /^(\d+\.|\([ivxlc]+\)) /.test(l));
		// The fixture's numbered blocks, with footnote references as LibreOffice prints them (the mark alone).
		const expected = numbered(FIXTURE.split('\n\n').map((b) => b.trim().replace(/\[\^(\w+)\]/g, '$1')));
		expect(expected.length).toBe(41);
		expect(numbered(lines)).toEqual(expected);
		// The title with its footnote's mark (LibreOffice's text export leaves the notes themselves out).
		expect(lines).toContain('Conclusions1');
	}, 180_000);
});
