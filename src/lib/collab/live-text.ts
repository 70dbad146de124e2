// The draft as the meeting sees it now: the structure the server rendered (order, kinds, ids), with each
// unit's working text from the live document where it has one. Numbers stay computed from the structure.
import type { DraftText, TextBlock } from '#lib/domain/text.ts';

export function withLiveTexts(text: DraftText, live: ReadonlyMap<string, string>): DraftText {
	const pick = <B extends TextBlock>(block: B): B => {
		const working = live.get(block.id);
		return working === undefined || working === block.text ? block : { ...block, text: working };
	};
	return {
		...text,
		title: text.title && pick(text.title),
		preamble: text.preamble.map(pick),
		body: text.body.map((item) =>
			item.kind === 'heading' ? pick(item) : { ...pick(item), subparagraphs: item.subparagraphs.map(pick) }
		),
		footnotes: text.footnotes.map(pick)
	};
}
