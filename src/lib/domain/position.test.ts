import { describe, expect, it } from 'vitest';
import { PEOPLE, PERSON_NAMES, type PersonName } from './amendment-test-support.ts';
import {
	NOTE_MAX,
	STANCES,
	consensusOf,
	emptyRow,
	setPosition,
	withPosition,
	type PositionRow,
	type PositionSubject,
	type Stance
} from './position.ts';
import { GROUPS, type GroupId } from './roles.ts';

const onD1: PositionSubject = { kind: 'amendment', amendmentId: 'a1' };
const onP5: PositionSubject = { kind: 'paragraph', unitId: 'p5' };

/** Who records each group's position; everyone else is refused with the reason given. */
const SPEAKERS: Record<GroupId, PersonName[]> = {
	government: ['coordinator', 'govSpokesperson'],
	employers: ['empSecretary'],
	workers: ['wkrSecretary', 'wkrSpokesperson']
};
const GROUP_OF: Record<PersonName, GroupId | null> = {
	chair: null,
	secretariat: null,
	observer: null,
	empSecretary: 'employers',
	empViceChair: 'employers',
	wkrSecretary: 'workers',
	wkrSpokesperson: 'workers',
	wkrDrafter: 'workers',
	coordinator: 'government',
	govSpokesperson: 'government',
	kenya: 'government',
	kenya2: 'government',
	italy: 'government',
	stranger: null
};

const row = (government: Stance, employers: Stance, workers: Stance): PositionRow => ({
	government: { stance: government, note: null },
	employers: { stance: employers, note: null },
	workers: { stance: workers, note: null }
});

describe('positions', () => {
	it('POS-1: every subject starts with no position from any group', () => {
		expect(emptyRow()).toEqual(row('none', 'none', 'none'));
		expect(consensusOf(emptyRow())).toBe('pending');
	});

	for (const groupId of GROUPS)
		for (const who of PERSON_NAMES) {
			const expected =
				who === 'stranger'
					? 'position.notMember'
					: SPEAKERS[groupId].includes(who)
						? 'ok'
						: GROUP_OF[who] === groupId
							? 'position.notSpeaker'
							: 'position.notOwnGroup';
			it(`POS-2: ${who} records the ${groupId} position: ${expected}`, () => {
				for (const subject of [onD1, onP5]) {
					const r = setPosition(PEOPLE[who], subject, groupId, 'support');
					expect(r.ok ? 'ok' : r.reason).toBe(expected);
					if (!r.ok) expect(r.rule).toBe('POS-2');
				}
			});
		}

	it('POS-2: the entry records the subject, the group, the stance, the note and who set it', () => {
		expect(setPosition(PEOPLE.wkrSpokesperson, onP5, 'workers', 'reserve', 'Needs to consult')).toEqual({
			ok: true,
			entry: {
				subject: onP5,
				groupId: 'workers',
				stance: 'reserve',
				note: 'Needs to consult',
				setBy: 'wkrSpokesperson'
			}
		});
	});

	it('POS-3: a note is one line of at most NOTE_MAX characters, trimmed; an empty note is none', () => {
		const set = (note: string | null) =>
			setPosition(PEOPLE.coordinator, onD1, 'government', 'can_accept', note);
		expect(set('  ok  ')).toMatchObject({ ok: true, entry: { note: 'ok' } });
		expect(set('   ')).toMatchObject({ ok: true, entry: { note: null } });
		expect(set(null)).toMatchObject({ ok: true, entry: { note: null } });
		expect(set('x'.repeat(NOTE_MAX))).toMatchObject({ ok: true });
		expect(set('x'.repeat(NOTE_MAX + 1))).toEqual({
			ok: false,
			rule: 'POS-3',
			reason: 'position.noteTooLong'
		});
		expect(set('one\ntwo')).toEqual({ ok: false, rule: 'POS-3', reason: 'position.noteMultiline' });
	});

	it("POS-1: recording a group's position replaces that group's entry only", () => {
		const before = emptyRow();
		const after = withPosition(before, { groupId: 'employers', stance: 'oppose', note: 'Too broad' });
		expect(after).toEqual({
			...row('none', 'oppose', 'none'),
			employers: { stance: 'oppose', note: 'Too broad' }
		});
		expect(before).toEqual(emptyRow());
	});

	it('POS-4: consensus when every group supports or can accept', () => {
		expect(consensusOf(row('support', 'support', 'support'))).toBe('consensus');
		expect(consensusOf(row('can_accept', 'support', 'can_accept'))).toBe('consensus');
	});

	it('POS-4: any opposition means no consensus, whatever the others say', () => {
		expect(consensusOf(row('support', 'oppose', 'support'))).toBe('no_consensus');
		expect(consensusOf(row('reserve', 'none', 'oppose'))).toBe('no_consensus');
	});

	it('POS-4: otherwise a reserve or a missing position leaves it pending', () => {
		expect(consensusOf(row('support', 'reserve', 'support'))).toBe('pending');
		expect(consensusOf(row('can_accept', 'support', 'none'))).toBe('pending');
	});

	it('POS-4: over all 125 combinations: 8 consensus, 61 no consensus, 56 pending', () => {
		const counts = { consensus: 0, no_consensus: 0, pending: 0 };
		for (const g of STANCES)
			for (const e of STANCES) for (const w of STANCES) counts[consensusOf(row(g, e, w))]++;
		expect(counts).toEqual({ consensus: 8, no_consensus: 61, pending: 56 });
	});
});
