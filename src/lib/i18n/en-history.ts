// The history page: the text as it stood at any moment, two moments compared, who shaped a paragraph.
export default {
	history: {
		title: 'History',
		intro:
			'The text as it stood at any moment of the record, what changed between two moments, and who shaped each paragraph.',
		moment: 'Moment',
		start: 'The draft as first imported',
		show: 'Show',
		asItStood: 'The text as it stood after: {{moment}}',
		compare: 'Compare two moments',
		from: 'From',
		to: 'To',
		compareButton: 'Compare',
		noChange: 'No text changed between these two moments.',
		added: 'added',
		removed: 'removed',
		shaped: 'Who shaped a paragraph',
		paragraph: 'Paragraph',
		shapedButton: 'Show',
		contributor: '{{name}}: {{kept}} characters in the text now, {{removed}} typed and later removed',
		fromDraft: 'From the draft and adopted amendments: {{count}} characters',
		merged: 'Amendments adopted into it: {{codes}}',
		noContributors: 'Nobody has typed in it yet.'
	}
} as const;
