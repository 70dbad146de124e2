// The record of proceedings as it reads (REC-n): the domain's sentences through the English catalogue.
import { describe, expect, it } from 'vitest';
import { keysOf, recordSentence, type RecordAmendment, type RecordEvent } from '#lib/domain/record.ts';
import { renderPhrase, tKey } from './index.ts';

const D12: RecordAmendment = {
	code: 'D.12',
	author: { kind: 'group', groupId: 'workers' },
	target: { kind: 'paragraph', reference: '5(iii)' }
};
const say = (e: RecordEvent) => renderPhrase(recordSentence(e));

describe('the record in the meeting’s phrasing (REC-1 … REC-3)', () => {
	it('reads as docs/domain.md’s examples', () => {
		expect(
			say({
				type: 'amendment.adoptedAsSubamended',
				amendment: D12,
				subamendedBy: { kind: 'group', groupId: 'employers' }
			})
		).toBe('The Workers’ amendment D.12 to paragraph 5(iii) was adopted as subamended by the Employers.');
		expect(
			say({
				type: 'unit.decided',
				target: { kind: 'paragraph', reference: '7' },
				decision: 'adopted_as_amended'
			})
		).toBe('Paragraph 7, as amended, was adopted.');
		expect(say({ type: 'amendment.outcome', amendment: D12, outcome: 'fell' })).toBe(
			'The Workers’ amendment D.12 to paragraph 5(iii) fell.'
		);
	});

	it('names a national amendment by its country, and subamendments by their parent', () => {
		const kenya: RecordAmendment = {
			code: 'D.3',
			author: { kind: 'national', country: 'Kenya' },
			target: { kind: 'amendment', code: 'D.1' }
		};
		expect(say({ type: 'amendment.seconded', amendment: kenya, country: 'Italy' })).toBe(
			'The amendment D.3 of the Government member of Kenya to amendment D.1 was seconded by the Government member of Italy.'
		);
	});

	it('gives votes their weighted figures, formatted, and the outcome', () => {
		expect(
			say({
				type: 'vote',
				subject: { kind: 'amendment', code: 'D.12' },
				total: { yes: 18_564, no: 15_708, abstain: 0 },
				result: 'carried',
				participants: 186,
				quorum: 100
			})
		).toBe(
			'A vote was taken on amendment D.12. Votes in favour: 18,564; against: 15,708; abstentions: 0. The proposal was carried.'
		);
		expect(
			say({
				type: 'vote',
				subject: { kind: 'paragraph', reference: '4' },
				total: { yes: 1, no: 0, abstain: 0 },
				result: 'no_quorum',
				participants: 10,
				quorum: 11
			})
		).toBe(
			'A vote was taken on paragraph 4, but the members taking part (10) fell short of the quorum (11): the vote did not stand.'
		);
	});

	it('keeps statements beside the text, in the speaker’s words', () => {
		expect(
			say({
				type: 'statement',
				speaker: { kind: 'member', name: 'Ms A. Mwangi', groupId: 'government', country: 'Kenya' },
				kind: 'interpretive',
				subject: { kind: 'paragraph', reference: '8(ii)' },
				text: 'It should not be understood as placing social partners and governments on equal footing.'
			})
		).toBe(
			'The Government member of Kenya made an interpretive statement on paragraph 8(ii): “It should not be understood as placing social partners and governments on equal footing.”'
		);
		expect(
			say({
				type: 'statement',
				speaker: { kind: 'group', groupId: 'employers' },
				kind: 'reservation',
				subject: { kind: 'conclusions' },
				text: 'Reserved the right to make additional comments.'
			})
		).toBe(
			'The Employers’ group expressed a reservation on the conclusions: “Reserved the right to make additional comments.”'
		);
	});

	it('has a sentence in the catalogue for every event, with no key missing', () => {
		const targets = [
			{ kind: 'paragraph', reference: '1' },
			{ kind: 'preamble', ordinal: 2 },
			{ kind: 'heading', text: 'Recommendations' },
			{ kind: 'amendment', code: 'D.1' },
			{ kind: 'conclusions' }
		] as const;
		const events: RecordEvent[] = [
			{ type: 'amendment.tabled', amendment: D12 },
			...(['called', 'adopted', 'rejected', 'withdrawn', 'fell', 'not_seconded', 'returned'] as const).map(
				(outcome) => ({ type: 'amendment.outcome' as const, amendment: D12, outcome })
			),
			...(['government', 'employers', 'workers'] as const).map((groupId) => ({
				type: 'amendment.tabled' as const,
				amendment: { ...D12, author: { kind: 'group' as const, groupId } }
			})),
			{
				type: 'amendment.adoptedAsSubamended',
				amendment: D12,
				subamendedBy: { kind: 'national', country: 'Italy' }
			},
			...targets.flatMap((target) => [
				...(['discussed', 'adopted', 'adopted_as_amended', 'deferred', 'deleted'] as const).map(
					(decision) => ({
						type: 'unit.decided' as const,
						target,
						decision
					})
				),
				{ type: 'unit.reopened' as const, target, reason: 'Asked by the Workers.' },
				{ type: 'unit.bracketed' as const, target, words: 'fair' },
				{ type: 'unit.unbracketed' as const, target, words: 'fair' }
			]),
			{
				type: 'vote',
				subject: targets[0],
				total: { yes: 1, no: 2, abstain: 3 },
				result: 'lost',
				participants: 6,
				quorum: 0
			},
			{
				type: 'statement',
				speaker: { kind: 'member', name: 'B', groupId: 'workers', country: null },
				kind: 'reservation',
				subject: targets[4],
				text: 'x'
			},
			{ type: 'conclusions.adopted', asAmended: false },
			{ type: 'conclusions.adopted', asAmended: true }
		];
		for (const e of events) {
			const sentence = recordSentence(e);
			for (const key of keysOf(sentence)) expect(tKey(key), key).not.toBe(key);
			expect(renderPhrase(sentence)).not.toMatch(/{{|}}|record\./);
		}
	});
});
