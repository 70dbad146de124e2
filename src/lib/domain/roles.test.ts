import { describe, expect, it } from 'vitest';
import { participantProblems } from './roles.ts';

describe('participants', () => {
	it('PAR-1: a participant outside the groups holds at least one role', () => {
		expect(participantProblems({ groupId: null, roles: [] })).toEqual(['participant.noRoleOutsideGroup']);
		expect(participantProblems({ groupId: 'government', roles: [] })).toEqual([]);
	});

	it('PAR-2: roles that act for a group need a group', () => {
		for (const role of ['vice_chair', 'spokesperson', 'group_secretary', 'government_coordinator'] as const)
			expect(participantProblems({ groupId: null, roles: [role] })).toContain('participant.roleNeedsGroup');
	});

	it('PAR-3: the Chair, the secretariat and observers sit in no group', () => {
		expect(participantProblems({ groupId: 'workers', roles: ['observer'] })).toContain(
			'participant.roleOutsideGroupOnly'
		);
		expect(participantProblems({ groupId: null, roles: ['chair'] })).toEqual([]);
	});

	it('PAR-4: the coordinator belongs to the Government group', () => {
		expect(participantProblems({ groupId: 'employers', roles: ['government_coordinator'] })).toEqual([
			'participant.coordinatorIsGovernment'
		]);
		expect(participantProblems({ groupId: 'government', roles: ['government_coordinator'] })).toEqual([]);
	});

	it('PAR-5: an observer holds no other role', () => {
		expect(participantProblems({ groupId: null, roles: ['observer', 'secretariat'] })).toContain(
			'participant.observerOnly'
		);
	});

	it('PAR-6: a role is held once', () => {
		expect(participantProblems({ groupId: 'workers', roles: ['spokesperson', 'spokesperson'] })).toEqual([
			'participant.duplicateRole'
		]);
	});
});
