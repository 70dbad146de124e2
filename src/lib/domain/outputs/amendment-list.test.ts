import { describe, expect, it } from 'vitest';
import type { Amendment, AmendmentProposal } from '../amendment.ts';
import type { DraftText } from '../text.ts';
import { changeOf, inTextOrder, publicAmendments, type ListedAmendment } from './amendment-list.ts';

const text: DraftText = {
	title: { id: 't', text: 'Conclusions' },
	preamble: [{ id: 'c1', text: 'The Meeting,' }],
	body: [
		{ kind: 'heading', id: 'h', text: 'General' },
		{ kind: 'paragraph', id: 'p1', text: 'The Office should:', subparagraphs: [{ id: 's1', text: 'Act.' }] },
		{ kind: 'paragraph', id: 'p2', text: 'Members agree.', subparagraphs: [] }
	],
	footnotes: [],
	scheme: 'roman'
};

let n = 0;
function am(
	proposal: AmendmentProposal,
	code: string | null,
	status: Amendment['status'] = 'tabled'
): ListedAmendment {
	return {
		id: `a${++n}`,
		groupId: 'workers',
		code,
		proposal,
		justification: null,
		status,
		tabledBy: null,
		secondedBy: null,
		baseText: null
	};
}

describe('the list of amendments', () => {
	it('OUT-3: text order; an insertion after its block; a subamendment right after its parent; one place by code', () => {
		const toP2 = am({ kind: 'change_wording', targetId: 'p2', text: 'x' }, 'D.1');
		const toS1 = am({ kind: 'change_wording', targetId: 's1', text: 'x' }, 'D.4');
		const afterP1 = am({ kind: 'insert_after', afterId: 'p1', level: 'subparagraph', text: 'x' }, 'D.2');
		const toS1b = am({ kind: 'delete', targetId: 's1' }, 'D.3');
		const subOfToP2 = am({ kind: 'subamendment', parentId: toP2.id, text: 'y' }, 'D.5');
		const toClause = am({ kind: 'change_clause', targetId: 'c1', text: 'x' }, 'D.6');
		const orphan = am({ kind: 'change_wording', targetId: 'gone', text: 'x' }, 'D.7');
		const ordered = inTextOrder(text, [orphan, subOfToP2, toP2, toS1, afterP1, toS1b, toClause]);
		expect(ordered.map((a) => a.code)).toEqual(['D.6', 'D.2', 'D.3', 'D.4', 'D.1', 'D.5', 'D.7']);
	});

	it('OUT-4: drafts are left out, whatever else', () => {
		const list = [
			am({ kind: 'delete', targetId: 'p2' }, null, 'draft'),
			am({ kind: 'delete', targetId: 'p2' }, 'D.1', 'withdrawn'),
			am({ kind: 'delete', targetId: 'p2' }, 'D.2', 'tabled')
		];
		expect(publicAmendments(list).map((a) => a.code)).toEqual(['D.1', 'D.2']);
	});

	it('OUT-3: the change inline — a deletion strikes its base, an insertion is all new, a wording a word diff', () => {
		expect(
			changeOf({ ...am({ kind: 'delete', targetId: 'p2' }, 'D.1'), baseText: 'Members agree.' })
		).toEqual([{ kind: 'delete', text: 'Members agree.' }]);
		expect(
			changeOf(am({ kind: 'insert_after', afterId: 'p2', level: 'paragraph', text: 'New.' }, 'D.2'))
		).toEqual([{ kind: 'insert', text: 'New.' }]);
		const pieces = changeOf({
			...am({ kind: 'change_wording', targetId: 'p2', text: 'Members disagree.' }, 'D.3'),
			baseText: 'Members agree.'
		});
		expect(pieces.filter((p) => p.kind !== 'same').map((p) => `${p.kind}:${p.text}`)).toEqual([
			'delete:agree',
			'insert:disagree'
		]);
	});
});
