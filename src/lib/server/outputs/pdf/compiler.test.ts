import { afterAll, describe, expect, it } from 'vitest';
import { compilePdf, stopTypst } from './compiler.ts';

afterAll(() => stopTypst());

describe('the Typst compiler', () => {
	it('turns a Typst error into an Error carrying Typst’s diagnostic', async () => {
		await expect(compilePdf('#let x = (', {})).rejects.toThrow(
			/Typst could not typeset the document: .*unclosed delimiter/
		);
		await expect(compilePdf('#panic("the template is broken")', {})).rejects.toThrow(
			/the template is broken/
		);
		await expect(compilePdf('#sys.inputs.missing', {})).rejects.toThrow(/missing/);
	});

	it('is reused after an error, and reads its inputs', async () => {
		const pdf = await compilePdf('#set document(title: sys.inputs.title)\nHello', {
			title: 'After the error'
		});
		expect(new TextDecoder('latin1').decode(pdf.slice(0, 5))).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(500);
	});

	it('renders in a child process that is replaced when it dies, without losing the next render', async () => {
		await compilePdf('First', {});
		stopTypst();
		const pdf = await compilePdf('#set document(title: sys.inputs.title)\nAgain', {
			title: 'After a restart'
		});
		expect(new TextDecoder('latin1').decode(pdf.slice(0, 5))).toBe('%PDF-');
		// Renders queue: many at once all arrive, each its own.
		const many = await Promise.all(
			Array.from({ length: 45 }, (_, i) => compilePdf('#sys.inputs.n', { n: String(i) }))
		);
		expect(new Set(many.map((p) => p.length)).size).toBeGreaterThan(1);
		expect(many.every((p) => new TextDecoder('latin1').decode(p.slice(0, 5)) === '%PDF-')).toBe(true);
	});
});
