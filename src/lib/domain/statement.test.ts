import { describe, expect, it } from 'vitest';
import { PEOPLE } from './amendment-test-support.ts';
import { STATEMENT_MAX, mayRecordStatement, type StatementInput } from './statement.ts';

const ON_8_II: StatementInput = {
	kind: 'interpretive',
	subject: { kind: 'unit', unitId: 'p8-ii' },
	speakerId: 'kenya',
	speakerGroup: 'government',
	onBehalfOfGroup: false,
	text: '  Paragraph 8(ii) should not be understood as placing social partners and governments on equal footing. '
};

describe('statements (STM-1 … STM-4)', () => {
	it('a delegate states in their own name; the text is kept as said, trimmed', () => {
		expect(mayRecordStatement(PEOPLE.kenya, ON_8_II, 'subparagraph')).toEqual({
			ok: true,
			text: 'Paragraph 8(ii) should not be understood as placing social partners and governments on equal footing.'
		});
	});

	it('nobody speaks in another’s name, except the secretariat recording what was said (STM-1)', () => {
		expect(mayRecordStatement(PEOPLE.italy, ON_8_II, 'subparagraph')).toMatchObject({
			reason: 'statement.notSpeaker'
		});
		expect(mayRecordStatement(PEOPLE.secretariat, ON_8_II, 'subparagraph').ok).toBe(true);
		expect(mayRecordStatement(PEOPLE.stranger, ON_8_II, 'subparagraph')).toMatchObject({
			reason: 'statement.notMember'
		});
	});

	it('on behalf of a group only by whoever speaks for it; not by the Chair or observers at all (STM-2)', () => {
		const forWorkers = (speakerId: string): StatementInput => ({
			...ON_8_II,
			kind: 'reservation',
			subject: { kind: 'conclusions' },
			speakerId,
			speakerGroup: 'workers',
			onBehalfOfGroup: true,
			text: 'The Workers’ group adopted the conclusions in a spirit of consensus but reserved the right to make additional comments.'
		});
		expect(mayRecordStatement(PEOPLE.wkrSpokesperson, forWorkers('wkrSpokesperson'), null).ok).toBe(true);
		expect(mayRecordStatement(PEOPLE.wkrSecretary, forWorkers('wkrSecretary'), null).ok).toBe(true);
		expect(mayRecordStatement(PEOPLE.wkrDrafter, forWorkers('wkrDrafter'), null)).toMatchObject({
			rule: 'STM-2',
			reason: 'statement.notForGroup'
		});
		expect(mayRecordStatement(PEOPLE.secretariat, forWorkers('wkrDrafter'), null).ok).toBe(true);
		for (const who of ['chair', 'observer'] as const)
			expect(
				mayRecordStatement(PEOPLE[who], { ...ON_8_II, speakerId: who, speakerGroup: null }, 'paragraph')
			).toMatchObject({ reason: 'statement.noGroup' });
	});

	it('is about a clause, paragraph or subparagraph, or the whole; never empty or endless (STM-3, STM-4)', () => {
		for (const kind of ['title', 'heading', 'footnote'] as const)
			expect(mayRecordStatement(PEOPLE.kenya, ON_8_II, kind)).toMatchObject({
				reason: 'statement.wrongSubject'
			});
		expect(mayRecordStatement(PEOPLE.kenya, { ...ON_8_II, text: ' \n ' }, 'paragraph')).toMatchObject({
			reason: 'statement.empty'
		});
		expect(
			mayRecordStatement(PEOPLE.kenya, { ...ON_8_II, text: 'x'.repeat(STATEMENT_MAX + 1) }, 'paragraph')
		).toMatchObject({ reason: 'statement.tooLong' });
		expect(
			mayRecordStatement(PEOPLE.kenya, { ...ON_8_II, kind: 'speech' as 'interpretive' }, 'paragraph')
		).toMatchObject({ reason: 'statement.unknownKind' });
		// Several paragraphs are fine: a statement is not a line of the text.
		expect(mayRecordStatement(PEOPLE.kenya, { ...ON_8_II, text: 'First.\n\nSecond.' }, 'paragraph').ok).toBe(
			true
		);
	});
});
