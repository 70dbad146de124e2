// The record of proceedings in English: the sentences of src/lib/domain/record.ts. Typographic quotes
// and apostrophes, as in the Office's own reports.
export default {
	record: {
		target: {
			paragraph: 'paragraph {{ref}}',
			preamble: 'preambular paragraph {{n}}',
			heading: 'the heading “{{text}}”',
			amendment: 'amendment {{code}}',
			conclusions: 'the conclusions'
		},
		targetStart: {
			paragraph: 'Paragraph {{ref}}',
			preamble: 'Preambular paragraph {{n}}',
			heading: 'The heading “{{text}}”',
			amendment: 'Amendment {{code}}',
			conclusions: 'The conclusions'
		},
		amendmentBy: {
			workers: 'The Workers’ amendment {{code}} to {{target}}',
			employers: 'The Employers’ amendment {{code}} to {{target}}',
			government: 'The Government group’s amendment {{code}} to {{target}}',
			national: 'The amendment {{code}} of the Government member of {{country}} to {{target}}'
		},
		amendmentByMid: {
			workers: 'the Workers’ amendment {{code}} to {{target}}',
			employers: 'the Employers’ amendment {{code}} to {{target}}',
			government: 'the Government group’s amendment {{code}} to {{target}}',
			national: 'the amendment {{code}} of the Government member of {{country}} to {{target}}'
		},
		by: {
			workers: 'Workers',
			employers: 'Employers',
			government: 'Government group',
			national: 'Government member of {{country}}'
		},
		speaker: {
			group: {
				workers: 'The Workers’ group',
				employers: 'The Employers’ group',
				government: 'The Government group'
			},
			governmentMember: 'The Government member of {{country}}',
			// A member in their own name: as the meeting's list of participants names them.
			member: {
				workers: '{{name}}',
				employers: '{{name}}',
				government: '{{name}}'
			}
		},
		amendment: {
			tabled: '{{amendment}} was tabled.',
			seconded: '{{amendment}} was seconded by the Government member of {{country}}.',
			called: '{{amendment}} was taken up for discussion.',
			adopted: '{{amendment}} was adopted.',
			adoptedAsSubamended: '{{amendment}} was adopted as subamended by the {{by}}.',
			adoptedWithConflict:
				'{{amendment}} was adopted, but its change could not be merged in full into the text, which had been edited since the amendment was tabled. The conflict was left to the secretariat to resolve.',
			adoptedAsSubamendedWithConflict:
				'{{amendment}} was adopted as subamended by the {{by}}, but its change could not be merged in full into the text, which had been edited since the amendment was tabled. The conflict was left to the secretariat to resolve.',
			conflictResolved: 'The conflict left in the text by {{amendment}} was resolved by the secretariat.',
			conflictResolvedReads:
				'The conflict left in the text by {{amendment}} was resolved by the secretariat. {{Target}} then read: “{{text}}”',
			rejected: '{{amendment}} was rejected.',
			withdrawn: '{{amendment}} was withdrawn.',
			fell: '{{amendment}} fell.',
			not_seconded: '{{amendment}} was not seconded.',
			returned: '{{amendment}} was returned to its authors for clarification.'
		},
		unit: {
			discussed: 'The Chairperson opened the discussion of {{target}}.',
			adopted: '{{Target}} was adopted.',
			adopted_as_amended: '{{Target}}, as amended, was adopted.',
			deferred: '{{Target}} was deferred.',
			deleted: '{{Target}} was deleted.',
			reopened: '{{Target}} was reopened. The reason given: {{reason}}',
			bracketed: 'The words “{{words}}” in {{target}} were placed in square brackets.',
			unbracketed: 'The square brackets around “{{words}}” in {{target}} were removed.'
		},
		vote: {
			carried:
				'A vote was taken on {{subject}}. Votes in favour: {{yes}}; against: {{no}}; abstentions: {{abstain}}. The proposal was carried.',
			lost: 'A vote was taken on {{subject}}. Votes in favour: {{yes}}; against: {{no}}; abstentions: {{abstain}}. The proposal was not carried.',
			no_quorum:
				'A vote was taken on {{subject}}, but the members taking part ({{participants}}) fell short of the quorum ({{quorum}}): the vote did not stand.'
		},
		statement: {
			interpretive: '{{Speaker}} made an interpretive statement on {{subject}}: “{{text}}”',
			reservation: '{{Speaker}} expressed a reservation on {{subject}}: “{{text}}”'
		},
		conclusions: {
			adopted: 'The conclusions were adopted.',
			adoptedAsAmended: 'The conclusions, as amended, were adopted.'
		}
	}
} as const;
