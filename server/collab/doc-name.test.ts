import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { formatDocName, parseDocName } from './doc-name.ts';
import { collabPathOf } from './upgrade.ts';

describe('parseDocName', () => {
	it.each([
		['meeting/m1', { kind: 'meeting', meetingId: 'm1' }],
		['meeting/01J9-ab_c', { kind: 'meeting', meetingId: '01J9-ab_c' }],
		['group/m1/workers', { kind: 'group', meetingId: 'm1', group: 'workers' }]
	])('%s', (name, expected) => {
		const parsed = parseDocName(name);
		expect(parsed).toEqual(expected);
		expect(parsed && formatDocName(parsed)).toBe(name);
	});

	it.each([
		'',
		'meeting',
		'meeting/',
		'meeting/m1/',
		'meeting/m1/x',
		'group/m1',
		'group/m1/workers/x',
		'meeting/../m1',
		'meeting/m%31',
		'meeting/m 1',
		'notes/m1',
		'Meeting/m1',
		'meeting/' + 'x'.repeat(65)
	])('refuses %j', (name) => {
		expect(parseDocName(name)).toBeNull();
	});
});

describe('collabPathOf', () => {
	const request = (url: string) => ({ url }) as IncomingMessage;
	it.each([
		['/collab/meeting/m1', 'meeting/m1'],
		['/collab/meeting/m1?token=x', 'meeting/m1'],
		['/collab', ''],
		['/collab/', ''],
		['/collaborate', null],
		['/@vite/client', null],
		['/', null]
	])('%s → %j', (url, expected) => {
		expect(collabPathOf(request(url))).toBe(expected);
	});
});
