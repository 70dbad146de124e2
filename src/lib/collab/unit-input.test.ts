// The paragraph editor's input rules (TXT-7, TXT-8) on a real CodeMirror state: what a person types,
// pastes or composes reaches the text only in a shape the server accepts (VAL-16, VAL-17).
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { ySyncAnnotation } from 'y-codemirror.next';
import { unitInput } from './unit-input.ts';
import { forbiddenCharacter, UNIT_MAX_CHARS } from '#lib/domain/text-limits.ts';

function editor(doc: string, max = UNIT_MAX_CHARS) {
	const refusals: number[] = [];
	let state = EditorState.create({ doc, extensions: unitInput(max, () => refusals.push(state.doc.length)) });
	// As CodeMirror's input does: the caret where the text goes, then the text with the caret after it.
	const insert = (at: number, text: string, userEvent = 'input.type') => {
		state = state.update({ selection: { anchor: at } }).state;
		const after = { anchor: at + text.length };
		state = state.update({ changes: { from: at, insert: text }, selection: after, userEvent }).state;
		return state.doc.toString();
	};
	return {
		insert,
		refusals,
		get state() {
			return state;
		}
	};
}

describe('the paragraph editor’s input (TXT-7)', () => {
	it('TXT-7: a line break or tab, with the spaces around it, becomes one space; other controls are dropped', () => {
		const e = editor('Decent work.');
		expect(e.insert(12, ' \n\n5. A second paragraph')).toBe('Decent work. 5. A second paragraph');
		expect(e.insert(0, 'Tab\there, CR\r\nLF, LS\u2028PS\u2029NEL\u0085: ')).toBe(
			'Tab here, CR LF, LS PS NEL : Decent work. 5. A second paragraph'
		);
		expect(e.insert(0, 'bell\u0007, esc\u001b, del\u007f, csi\u009b, lone\ud800 ')).toBe(
			'bell, esc, del, csi, lone Tab here, CR LF, LS PS NEL : Decent work. 5. A second paragraph'
		);
		expect(forbiddenCharacter(e.state.doc.toString())).toBeNull();
		// The caret ends after what went in.
		expect(e.state.selection.main.head).toBe('bell, esc, del, csi, lone '.length);
	});

	it('TXT-7: tricky but valid characters go in as typed', () => {
		const e = editor('');
		const tricky = 'no\u00a0break, thin\u202fspace, emoji 😀, e\u0301, عربي\u200f, \ufeff, [^1]';
		expect(e.insert(0, tricky)).toBe(tricky);
	});

	it('TXT-7: changes from the others (the Yjs binding) pass untouched: the server judged them', () => {
		let state = EditorState.create({ doc: 'abc', extensions: unitInput(5, () => {}) });
		state = state.update({
			changes: { from: 3, insert: 'defgh' },
			annotations: ySyncAnnotation.of(null as never)
		}).state;
		expect(state.doc.toString()).toBe('abcdefgh');
	});
});

describe('the paragraph editor’s limit (TXT-8)', () => {
	it('TXT-8: a change that would take the text over the limit is not made, and the editor is told', () => {
		const e = editor('x'.repeat(UNIT_MAX_CHARS - 3));
		expect(e.insert(0, 'abc', 'input.paste')).toHaveLength(UNIT_MAX_CHARS);
		expect(e.refusals).toEqual([]);
		expect(e.insert(0, 'd')).toHaveLength(UNIT_MAX_CHARS);
		expect(e.refusals).toEqual([UNIT_MAX_CHARS]);
		expect(e.state.doc.toString().startsWith('abc')).toBe(true);
	});

	it('TXT-8: shortening is always allowed, even over the limit', () => {
		let state = EditorState.create({ doc: 'toolong', extensions: unitInput(3, () => {}) });
		state = state.update({ changes: { from: 0, to: 2 }, userEvent: 'delete' }).state;
		expect(state.doc.toString()).toBe('olong');
		expect(state.update({ changes: { from: 0, insert: 'x' } }).state.doc.toString()).toBe('olong');
		// A replacement that leaves it no longer is not a growth.
		expect(state.update({ changes: { from: 0, to: 1, insert: 'O' } }).state.doc.toString()).toBe('Olong');
	});
});
