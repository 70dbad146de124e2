import { describe, expect, it } from 'vitest';
import { readPeople, type Self } from './people.ts';
import { presenceColour } from './colour.ts';

const me: Self = { clientId: 1, userId: 'u-me', name: 'Worker member', group: 'workers' };
const stamped = (userId: string, name: string, extra: Record<string, unknown> = {}) => ({
	user: {
		userId,
		name,
		group: 'employers',
		role: 'drafting_committee',
		color: '#1f77b4',
		colorLight: '#1f77b433'
	},
	...extra
});

describe('readPeople', () => {
	it('puts us first with our own focus, then the others by name', () => {
		const people = readPeople(
			[
				[1, { focus: 'p5iii' }],
				[7, stamped('u-z', 'Zoe', { focus: 'p2' })],
				[3, stamped('u-a', 'Anna')]
			],
			me
		);
		expect(people.map((p) => [p.name, p.focus, p.self])).toEqual([
			['Worker member', 'p5iii', true],
			['Anna', null, false],
			['Zoe', 'p2', false]
		]);
		expect(people[1]).toMatchObject({ key: 'u-a', group: 'employers', color: '#1f77b4' });
		// One's own colour is computed as the server stamps it for others.
		expect(people[0]!.color).toBe(presenceColour(me.userId));
		expect(people[0]!.color).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('counts a person with several tabs once, where they are editing', () => {
		const people = readPeople(
			[
				[3, stamped('u-a', 'Anna')],
				[4, stamped('u-a', 'Anna', { focus: 'p7' })],
				[5, stamped('u-a', 'Anna')]
			],
			me
		);
		expect(people.slice(1).map((p) => p.focus)).toEqual(['p7']);
	});

	it('counts our own other tabs as us', () => {
		expect(readPeople([[9, stamped('u-me', 'Worker member')]], me)).toHaveLength(1);
	});

	it('shows no state the server did not stamp, and no colour or focus it cannot trust', () => {
		const people = readPeople(
			[
				[3, { user: { name: 'Claims to be the Chair' } }],
				[4, { focus: 'p1' }],
				[5, stamped('u-b', 'Ben', { focus: '"><script>' })],
				[6, { user: { userId: 'u-c', name: 'Cleo', color: 'red; background: url(x)' } }]
			],
			me
		);
		expect(people.slice(1).map((p) => [p.name, p.focus, p.color])).toEqual([
			['Ben', null, '#1f77b4'],
			['Cleo', null, null]
		]);
	});
});
