// The conclusions as an output (OUT-1, OUT-2): the text as it stands, without what the meeting deleted,
// numbered again, with the stretches still in square brackets shown in brackets.
import { splitFootnoteRefs } from '../footnote-refs.ts';
import { numberedView } from '../numbering.ts';
import type { UnitStatus } from '../status.ts';
import type { DraftText } from '../text.ts';
import type { ConclusionsOutput, Inline, OutputMeeting, OutputStamp } from './model.ts';
import { printable } from './printable.ts';

/** A stretch of a unit's text in square brackets, by offsets in the text as it stands. */
export interface BracketSpan {
	start: number;
	end: number;
}

export interface ConclusionsInput {
	text: DraftText;
	statuses: Readonly<Record<string, UnitStatus>>;
	brackets?: ReadonlyMap<string, readonly BracketSpan[]>;
	meeting: OutputMeeting;
	stamp: OutputStamp;
	labels: ConclusionsOutput['labels'];
}

/** OUT-1: the unit's text with '[' and ']' around each bracketed stretch, as the meeting reads it aloud. */
export function withBrackets(text: string, spans: readonly BracketSpan[] = []): string {
	const cuts = spans
		.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
		.flatMap((s) => [
			{ at: s.start, mark: '[' },
			{ at: s.end, mark: ']' }
		])
		// From the end, so earlier offsets stay valid; at one offset a closing bracket goes before an opening one.
		.sort((a, b) => b.at - a.at || (a.mark === '[' ? -1 : 1));
	let out = text;
	for (const c of cuts) out = out.slice(0, c.at) + c.mark + out.slice(c.at);
	return out;
}

/** OUT-1: deleted units leave the text (a deleted paragraph takes its subparagraphs with it). */
export function withoutDeleted(text: DraftText, statuses: Readonly<Record<string, UnitStatus>>): DraftText {
	const kept = (id: string) => statuses[id] !== 'deleted';
	return {
		...text,
		title: text.title && kept(text.title.id) ? text.title : null,
		preamble: text.preamble.filter((c) => kept(c.id)),
		body: text.body
			.filter((item) => kept(item.id))
			.map((item) =>
				item.kind === 'paragraph'
					? { ...item, subparagraphs: item.subparagraphs.filter((s) => kept(s.id)) }
					: item
			),
		footnotes: text.footnotes.filter((f) => kept(f.id))
	};
}

/** Labels of the footnotes some remaining text refers to. */
function referencedLabels(text: DraftText): Set<string> {
	const labels = new Set<string>();
	const blocks = [text.title, ...text.preamble, ...text.body].filter((b) => b !== null);
	for (const item of text.body) if (item.kind === 'paragraph') blocks.push(...item.subparagraphs);
	for (const f of text.footnotes) blocks.push(f);
	for (const b of blocks)
		for (const seg of splitFootnoteRefs(b.text)) if (seg.kind === 'footnote') labels.add(seg.label);
	return labels;
}

/**
 * The text as the output shows it: deleted units out, brackets in, and a footnote only deleted text
 * referred to gone with it (one never referred to stays: it was imported so).
 */
export function shownText(input: Pick<ConclusionsInput, 'text' | 'statuses' | 'brackets'>): DraftText {
	const kept = withoutDeleted(input.text, input.statuses);
	const referencedBefore = referencedLabels(input.text);
	const referencedNow = referencedLabels(kept);
	// OUT-7: each block as every format can show it, one trimmed line (TXT-6), whatever was stored;
	// printable keeps offsets, so the brackets go in after it.
	const bracketed = <T extends { id: string; text: string }>(b: T): T => ({
		...b,
		text: withBrackets(printable(b.text), input.brackets?.get(b.id)).trim()
	});
	return {
		...kept,
		title: kept.title ? bracketed(kept.title) : null,
		preamble: kept.preamble.map(bracketed),
		body: kept.body.map((item) =>
			item.kind === 'paragraph'
				? { ...bracketed(item), subparagraphs: item.subparagraphs.map(bracketed) }
				: bracketed(item)
		),
		footnotes: kept.footnotes
			.filter((f) => referencedNow.has(f.label) || !referencedBefore.has(f.label))
			.map((f) => ({ ...bracketed(f), label: printable(f.label) }))
	};
}

export function buildConclusions(input: ConclusionsInput): ConclusionsOutput {
	const text = shownText(input);
	const view = numberedView(text);
	return {
		what: 'conclusions',
		meeting: input.meeting,
		stamp: input.stamp,
		title: view.title ? splitFootnoteRefs(view.title.text) : null,
		preamble: view.preamble.map((c) => splitFootnoteRefs(c.text)),
		body: view.body.map((item) =>
			item.kind === 'heading'
				? { kind: 'heading', id: item.id, text: splitFootnoteRefs(item.text) }
				: {
						kind: 'paragraph',
						id: item.id,
						number: item.number,
						text: splitFootnoteRefs(item.text),
						subparagraphs: item.subparagraphs.map((s) => ({
							id: s.id,
							label: s.label,
							reference: s.reference,
							text: splitFootnoteRefs(s.text)
						}))
					}
		),
		footnotes: view.footnotes.map((f) => ({ label: f.label, text: splitFootnoteRefs(f.text) })),
		shown: text,
		scheme: text.scheme,
		labels: input.labels
	};
}

/** Inline back to the text's own notation: `[^1]` for a footnote reference (for plain text and tests). */
export function inlineText(inline: Inline): string {
	return inline.map((s) => (s.kind === 'text' ? s.text : `[^${s.label}]`)).join('');
}
