// Helpers shared by the domain's tests; not used by the app.
import { parsePlainText, type ImportWarning } from './import-text.ts';
import type { DraftText, ParagraphItem } from './text.ts';

/** Ids 'id1', 'id2' … so tests can see the order in which blocks got them. */
export function counterIds(): () => string {
	let n = 0;
	return () => `id${++n}`;
}

/** One block per line with a blank line between, as the fixture and the renderer write them. */
export function doc(...lines: string[]): string {
	return lines.join('\n\n') + '\n';
}

/** Imports input that must be accepted. */
export function importOk(input: string): { text: DraftText; warnings: ImportWarning[] } {
	const result = parsePlainText(input, { newId: counterIds() });
	if (!result.ok) throw new Error(`import refused: ${result.error}`);
	return result;
}

export function paragraphsOf(text: DraftText): ParagraphItem[] {
	return text.body.flatMap((item) => (item.kind === 'paragraph' ? [item] : []));
}

/** [line, code] pairs, the compact way to assert on warnings. */
export function codes(warnings: ImportWarning[]): Array<[number, string]> {
	return warnings.map((w) => [w.line, w.code]);
}

/** The 2013 conclusions: the demo seed's copy, the one reference text (read with node:fs in tests). */
export const FIXTURE_URL = new URL('../server/demo/ttmlm-2013-conclusions.txt', import.meta.url);
