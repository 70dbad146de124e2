// What the paragraph editor lets into a unit: the server's own rules (TXT-7, TXT-8; VAL-16, VAL-17), so
// that nothing a person types, pastes, drops or composes is refused by the server and lost.
import { ChangeSet, EditorSelection, EditorState, Transaction, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { ySyncAnnotation } from 'y-codemirror.next';
import { toUnitText } from '#lib/domain/text-limits.ts';

/**
 * A line break or tab, with the spaces around it, becomes one space and other controls go (toUnitText),
 * for pasted text and for any other input alike; a change that would take the text over `max`
 * characters is not made, and `onRefused` is told (`onFits` once a change is made again). Changes from
 * the others, applied by the Yjs binding, were judged by the server already: they pass untouched.
 */
export function unitInput(max: number, onRefused: () => void, onFits: () => void = () => {}): Extension {
	const filter = EditorState.transactionFilter.of((tr) => {
		if (!tr.docChanged || tr.annotation(ySyncAnnotation) !== undefined) return tr;
		const before = tr.startState.doc.length;
		const changes: { from: number; to: number; insert: string }[] = [];
		let cleaned = false;
		let length = before;
		tr.changes.iterChanges((from, to, _fromB, _toB, inserted) => {
			const typed = inserted.toString();
			const insert = toUnitText(typed);
			cleaned ||= insert !== typed;
			length += insert.length - (to - from);
			changes.push({ from, to, insert });
		});
		// Shortening is always allowed, even a text that is over the limit already.
		if (length > max && length > before) {
			onRefused();
			return [];
		}
		onFits();
		if (!cleaned) return tr;
		const set = ChangeSet.of(changes, before);
		return {
			changes: set,
			selection: EditorSelection.cursor(set.mapPos(tr.startState.selection.main.head, 1)),
			annotations: Transaction.userEvent.of(tr.annotation(Transaction.userEvent) ?? 'input'),
			scrollIntoView: tr.scrollIntoView
		};
	});
	return [EditorView.clipboardInputFilter.of(toUnitText), filter];
}
