import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftText } from '#lib/domain/text.ts';
import { readMirror } from './live-amendments.ts';
import {
	decidableUnits,
	parseBrackets,
	parseConclusions,
	parseFocus,
	parseStatement,
	resolveBrackets,
	splitAtBrackets,
	statementsBySubject,
	stepFrom
} from './live-decisions.ts';

const TEXT: DraftText = {
	title: { id: 't', text: 'Conclusions' },
	preamble: [
		{ id: 'pr1', text: 'Having met in Geneva,' },
		{ id: 'pr2', text: 'Adopts the following conclusions:' }
	],
	body: [
		{ kind: 'heading', id: 'h1', text: 'General considerations' },
		{ kind: 'paragraph', id: 'p1', text: 'The ILO matters.', subparagraphs: [] },
		{
			kind: 'paragraph',
			id: 'p2',
			text: 'The Office should:',
			subparagraphs: [
				{ id: 's1', text: 'Create a repository.' },
				{ id: 's2', text: 'Assist constituents.' }
			]
		}
	],
	footnotes: [{ id: 'f1', label: '1', text: 'A note.' }],
	scheme: 'roman'
};

describe('the Chair’s walk (DEC-3)', () => {
	it('takes preamble clauses, paragraphs and subparagraphs in reading order, not the title, headings or footnotes', () => {
		expect(decidableUnits(TEXT)).toEqual([
			{ id: 'pr1', kind: 'preamble', reference: '1' },
			{ id: 'pr2', kind: 'preamble', reference: '2' },
			{ id: 'p1', kind: 'paragraph', reference: '1' },
			{ id: 'p2', kind: 'paragraph', reference: '2' },
			{ id: 's1', kind: 'subparagraph', reference: '2(i)' },
			{ id: 's2', kind: 'subparagraph', reference: '2(ii)' }
		]);
	});

	it('steps forwards and backwards, and stops at either end', () => {
		const units = decidableUnits(TEXT);
		expect(stepFrom(units, 'p1', 1)).toBe('p2');
		expect(stepFrom(units, 'p2', -1)).toBe('p1');
		expect(stepFrom(units, 's2', 1)).toBeNull();
		expect(stepFrom(units, 'pr1', -1)).toBeNull();
	});

	it('starts at the first unit going forwards and the last going backwards when nothing is current', () => {
		const units = decidableUnits(TEXT);
		expect(stepFrom(units, null, 1)).toBe('pr1');
		expect(stepFrom(units, null, -1)).toBe('s2');
		expect(stepFrom(units, 'gone', 1)).toBe('pr1');
		expect(stepFrom([], null, 1)).toBeNull();
	});
});

describe('square brackets shown around words (DEC-6)', () => {
	it('cuts the text at its brackets, in text order, without adding marks', () => {
		const pieces = splitAtBrackets('The Office should act now.', [
			{ id: 'b2', start: 22, end: 25 },
			{ id: 'b1', start: 4, end: 10 }
		]);
		expect(pieces).toEqual([
			{ text: 'The ', bracketId: null },
			{ text: 'Office', bracketId: 'b1' },
			{ text: ' should act ', bracketId: null },
			{ text: 'now', bracketId: 'b2' },
			{ text: '.', bracketId: null }
		]);
		expect(pieces.map((p) => p.text).join('')).toBe('The Office should act now.');
	});

	it('keeps the whole text as one piece without brackets, and clips brackets beyond it', () => {
		expect(splitAtBrackets('abc', [])).toEqual([{ text: 'abc', bracketId: null }]);
		expect(splitAtBrackets('', [])).toEqual([{ text: '', bracketId: null }]);
		expect(splitAtBrackets('abcdef', [{ id: 'b', start: 3, end: 99 }])).toEqual([
			{ text: 'abc', bracketId: null },
			{ text: 'def', bracketId: 'b' }
		]);
		expect(splitAtBrackets('abc', [{ id: 'b', start: 5, end: 9 }])).toEqual([
			{ text: 'abc', bracketId: null }
		]);
	});

	it('never repeats words when brackets overlap', () => {
		const pieces = splitAtBrackets('abcdef', [
			{ id: 'a', start: 0, end: 4 },
			{ id: 'b', start: 2, end: 6 }
		]);
		expect(pieces.map((p) => p.text).join('')).toBe('abcdef');
	});

	it('resolves relative positions against the document, following edits made since', () => {
		const doc = new Y.Doc();
		const ytext = new Y.Text('The Office should act.');
		doc.getMap('texts').set('p1', ytext);
		const start = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(ytext, 4));
		const end = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(ytext, 10, -1));
		const raw = new Map([['p1', [{ id: 'b1', start, end }]]]);
		expect(resolveBrackets(raw, doc).get('p1')).toEqual([{ id: 'b1', start: 4, end: 10 }]);
		ytext.insert(0, 'Indeed, ');
		ytext.insert(18, ' now'); // right after "Office": stays outside the bracket
		expect(resolveBrackets(raw, doc).get('p1')).toEqual([{ id: 'b1', start: 12, end: 18 }]);
		expect(ytext.toString().slice(12, 18)).toBe('Office');
		ytext.delete(12, 6); // the bracketed words gone: nothing left to show
		expect(resolveBrackets(raw, doc).has('p1')).toBe(false);
	});
});

describe('reading the decisions in the mirror', () => {
	it('reads focus, brackets, statements and the conclusions, leaving out what is malformed', () => {
		const doc = new Y.Doc();
		const server = doc.getMap<unknown>('server');
		server.set('focus', { unitId: 'p1', amendmentId: null });
		const brackets = new Y.Map<unknown>();
		server.set('brackets', brackets);
		brackets.set('p1', [{ id: 'b1', start: { type: null, tname: 'x', item: null, assoc: 0 }, end: {} }]);
		brackets.set('p2', [{ id: 3 }]);
		const statements = new Y.Map<unknown>();
		server.set('statements', statements);
		statements.set('s1', {
			id: 's1',
			kind: 'reservation',
			subject: { kind: 'conclusions' },
			speakerName: 'Workers’ spokesperson',
			speakerGroup: 'workers',
			country: null,
			onBehalfOfGroup: true,
			text: 'We reserve our position.',
			at: 5
		});
		statements.set('bad', { id: 'bad', kind: 'shout', subject: { kind: 'conclusions' }, text: 'x' });
		server.set('conclusions', { adoptedAt: 7, asAmended: true });
		const mirror = readMirror(server);
		expect(mirror.focus).toEqual({ unitId: 'p1', amendmentId: null });
		expect([...mirror.brackets.keys()]).toEqual(['p1']);
		expect([...mirror.statements.keys()]).toEqual(['s1']);
		expect(mirror.statements.get('s1')?.onBehalfOfGroup).toBe(true);
		expect(mirror.conclusions).toEqual({ adoptedAt: 7, asAmended: true });
	});

	it('reads nothing from nothing', () => {
		expect(parseFocus(null)).toBeNull();
		expect(parseFocus({ unitId: '' })).toBeNull();
		expect(parseFocus({ unitId: 'u', amendmentId: 'a' })).toEqual({ unitId: 'u', amendmentId: 'a' });
		expect(parseBrackets('x')).toEqual([]);
		expect(parseConclusions({ adoptedAt: 'soon' })).toBeNull();
		expect(
			parseStatement({ id: 's', kind: 'interpretive', subject: { kind: 'unit' }, text: 'x' })
		).toBeNull();
	});

	it('groups statements by subject, oldest first', () => {
		const s = (id: string, at: number, unitId: string | null) =>
			parseStatement({
				id,
				kind: 'interpretive',
				subject: unitId ? { kind: 'unit', unitId } : { kind: 'conclusions' },
				text: id,
				at
			})!;
		const all = new Map([
			['b', s('b', 2, 'p1')],
			['a', s('a', 1, 'p1')],
			['c', s('c', 3, null)]
		]);
		const by = statementsBySubject(all);
		expect(by.get('p1')?.map((x) => x.id)).toEqual(['a', 'b']);
		expect(by.get('conclusions')?.map((x) => x.id)).toEqual(['c']);
	});
});
