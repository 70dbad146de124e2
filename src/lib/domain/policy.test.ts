import { describe, expect, it } from 'vitest';
import { can, type Actor } from './policy.ts';
import type { Membership } from './roles.ts';
import { UNIT_STATUSES } from './status.ts';

const actor = (membership: Membership | null, isOffice = false): Actor => ({
	userId: 'u',
	isOffice,
	membership
});
const secretariat = actor({ groupId: null, roles: ['secretariat'] });
const observer = actor({ groupId: null, roles: ['observer'] });
const chair = actor({ groupId: null, roles: ['chair'] });
const drafter = actor({ groupId: 'workers', roles: ['drafting_committee'] });
const wkrSecretary = actor({ groupId: 'workers', roles: ['group_secretary'] });
const stranger = actor(null);

describe('permission policy', () => {
	it('POL-1: only Office staff create meetings', () => {
		expect(can(actor(null, true), { type: 'meeting.create' })).toEqual({ allowed: true });
		expect(can(secretariat, { type: 'meeting.create' })).toEqual({
			allowed: false,
			rule: 'POL-1',
			reason: 'policy.notOffice'
		});
	});

	it('POL-2: only participants see a meeting, whatever else they may be', () => {
		expect(can(observer, { type: 'meeting.view' }).allowed).toBe(true);
		expect(can(actor(null, true), { type: 'meeting.view' })).toMatchObject({ allowed: false, rule: 'POL-2' });
		expect(can(stranger, { type: 'collab.open', doc: { kind: 'meeting' } })).toMatchObject({ rule: 'POL-2' });
	});

	it('POL-3: only the meeting secretariat manages participants and imports the text', () => {
		expect(can(secretariat, { type: 'meeting.manage' }).allowed).toBe(true);
		for (const who of [observer, chair, drafter, wkrSecretary]) {
			expect(can(who, { type: 'meeting.manage' })).toMatchObject({ allowed: false, rule: 'POL-3' });
			expect(can(who, { type: 'text.import', anyUnitDecided: false })).toMatchObject({ rule: 'POL-3' });
		}
	});

	it('POL-4: the draft cannot be re-imported once a decision was taken on it', () => {
		expect(can(secretariat, { type: 'text.import', anyUnitDecided: false }).allowed).toBe(true);
		expect(can(secretariat, { type: 'text.import', anyUnitDecided: true })).toMatchObject({
			rule: 'POL-4',
			reason: 'policy.textAlreadyDecided'
		});
	});

	it('POL-5: only drafting committee members and the secretariat edit the text', () => {
		expect(can(drafter, { type: 'text.edit', status: 'draft' }).allowed).toBe(true);
		expect(can(secretariat, { type: 'text.edit', status: 'under_discussion' }).allowed).toBe(true);
		for (const who of [observer, chair, wkrSecretary])
			expect(can(who, { type: 'text.edit', status: 'draft' })).toMatchObject({ rule: 'POL-5' });
	});

	it('POL-6: adopted and deleted units are locked for everyone', () => {
		const open = UNIT_STATUSES.filter((s) => can(drafter, { type: 'text.edit', status: s }).allowed);
		expect(open).toEqual(['draft', 'under_discussion', 'deferred', 'bracketed']);
		expect(can(secretariat, { type: 'text.edit', status: 'adopted' })).toMatchObject({ rule: 'POL-6' });
	});

	it("POL-7: a group's room opens only to that group's members", () => {
		expect(can(drafter, { type: 'collab.open', doc: { kind: 'group', groupId: 'workers' } }).allowed).toBe(
			true
		);
		expect(can(drafter, { type: 'collab.open', doc: { kind: 'group', groupId: 'employers' } })).toMatchObject(
			{
				rule: 'POL-7'
			}
		);
		expect(
			can(secretariat, { type: 'collab.open', doc: { kind: 'group', groupId: 'workers' } })
		).toMatchObject({
			rule: 'POL-7'
		});
	});
});
