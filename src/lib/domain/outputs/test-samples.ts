// Output models for the renderers' tests: the 2013 conclusions, a list of amendments to them and a record.
// Test support only (reads the fixture with node:fs); the app builds its models from the database.
import { readFileSync } from 'node:fs';
import { importOk, FIXTURE_URL } from '../test-support.ts';
import { buildConclusions } from './conclusions.ts';
import type { AmendmentListOutput, ConclusionsOutput, OutputMeeting, RecordOutput } from './model.ts';

export const SAMPLE_MEETING: OutputMeeting = {
	id: 'ttmlm-2013',
	title: 'Tripartite Technical Meeting on Labour Migration',
	venue: 'Geneva',
	startDate: '2013-11-04',
	endDate: '2013-11-08',
	placeAndDates: 'Geneva, 4–8 November 2013'
};

export function fixtureText(): string {
	return readFileSync(FIXTURE_URL, 'utf8');
}

export function sampleConclusions(kind: 'adopted' | 'draft' = 'adopted'): ConclusionsOutput {
	const { text } = importOk(fixtureText());
	return buildConclusions({
		text,
		statuses: {},
		meeting: SAMPLE_MEETING,
		stamp:
			kind === 'adopted'
				? { kind, date: '2013-11-08', label: 'Adopted on 8 November 2013' }
				: { kind, date: '2026-11-22', label: 'Draft, 22 November 2026' },
		labels: { document: 'Conclusions', page: 'Page', footnotes: 'Notes' }
	});
}

const LIST_LABELS: AmendmentListOutput['labels'] = {
	document: 'List of amendments',
	page: 'Page',
	none: 'No amendment was tabled.',
	code: 'Amendment',
	author: 'Submitted by',
	target: 'Text',
	change: 'Proposed change',
	groups: { government: 'Government', employers: 'Employers', workers: 'Workers' },
	outcome: 'Outcome',
	deleted: 'deleted: ',
	inserted: 'inserted: ',
	justification: 'Justification:'
};

export function sampleAmendmentList(): AmendmentListOutput {
	return {
		what: 'amendments',
		meeting: SAMPLE_MEETING,
		stamp: { kind: 'draft', date: '2013-11-07', label: 'As of 7 November 2013' },
		labels: LIST_LABELS,
		rows: [
			{
				id: 'a1',
				code: 'D.1',
				kind: 'change_wording',
				status: 'adopted_as_subamended',
				author: "Workers' group",
				authorGroup: 'workers',
				target: 'Paragraph 2(iii)',
				targetUnitId: 'id14',
				targetReference: '2(iii)',
				parentCode: null,
				change: [
					{ kind: 'same', text: 'Improve its outreach and ' },
					{ kind: 'delete', text: 'communications' },
					{ kind: 'insert', text: 'communication' },
					{ kind: 'same', text: ' strategy on labour migration' },
					{ kind: 'insert', text: ', in consultation with the social partners' },
					{ kind: 'same', text: '.' }
				],
				positions: { government: 'Can accept', employers: 'Oppose', workers: 'Support' },
				outcome: 'Adopted as subamended',
				justification: 'The social partners should be consulted.'
			},
			{
				id: 'a2',
				code: 'D.2',
				kind: 'subamendment',
				status: 'adopted',
				author: "Employers' group",
				authorGroup: 'employers',
				target: 'Subamendment to D.1',
				targetUnitId: null,
				targetReference: '2(iii)',
				parentCode: 'D.1',
				change: [
					{
						kind: 'same',
						text: 'Improve its outreach and communication strategy on labour migration, in consultation with '
					},
					{ kind: 'delete', text: 'the social partners' },
					{ kind: 'insert', text: 'constituents' },
					{ kind: 'same', text: '.' }
				],
				positions: { government: 'Support', employers: 'Support', workers: 'Can accept' },
				outcome: 'Adopted',
				justification: null
			},
			{
				id: 'a3',
				code: 'D.3',
				kind: 'insert_after',
				status: 'tabled',
				author: 'Government of Kenya',
				authorGroup: 'government',
				target: 'New paragraph after 8',
				targetUnitId: 'id40',
				targetReference: '8',
				parentCode: null,
				change: [
					{ kind: 'insert', text: 'Member States should ratify Convention No. 97 & No. 143 <promptly>.' }
				],
				positions: { government: '', employers: '', workers: '' },
				outcome: 'Pending',
				justification: null
			},
			{
				id: 'a4',
				code: 'D.4',
				kind: 'delete',
				status: 'fell',
				author: "Employers' group",
				authorGroup: 'employers',
				target: 'Paragraph 9(iii)',
				targetUnitId: 'id46',
				targetReference: '9(iii)',
				parentCode: null,
				change: [{ kind: 'delete', text: 'Create a repository of agreements and good practices.' }],
				positions: { government: 'Reserve', employers: 'Support', workers: 'Oppose' },
				outcome: 'Fell',
				justification: null
			}
		]
	};
}

export function sampleRecord(): RecordOutput {
	return {
		what: 'proceedings',
		meeting: SAMPLE_MEETING,
		stamp: { kind: 'draft', date: '2013-11-08', label: 'As of 8 November 2013' },
		labels: { document: 'Record of proceedings', page: 'Page', empty: 'Nothing is on the record yet.' },
		sittings: [
			{
				heading: 'Sitting 5 — 7 November 2013',
				entries: [
					{
						at: '2013-11-07T09:32:00.000Z',
						time: '10:32',
						sentence: "The Workers' group tabled amendment D.1 to paragraph 2(iii)."
					},
					{
						at: '2013-11-07T09:40:00.000Z',
						time: '10:40',
						sentence:
							"The Workers' amendment D.1 to paragraph 2(iii) was adopted as subamended by the Employers."
					}
				]
			},
			{
				heading: 'Sitting 6 — 8 November 2013',
				entries: [
					{
						at: '2013-11-08T14:05:00.000Z',
						time: '15:05',
						sentence: 'Paragraph 7, as amended, was adopted.'
					},
					{
						at: '2013-11-08T16:00:00.000Z',
						time: '17:00',
						sentence: 'The conclusions, as amended, were adopted.'
					}
				]
			}
		]
	};
}
