// The words of the downloadable outputs (issue 6): the documents' titles and stamps, the list of
// amendments' columns, and the Outputs page.
export default {
	outputs: {
		page: {
			title: 'Outputs',
			intro:
				'Download what the meeting has produced. Everything here is public to the meeting: a group’s drafts never appear in any output. Each download is recorded.',
			conclusions: 'The conclusions',
			conclusionsAdopted: 'Adopted on {{date}}.',
			conclusionsDraft: 'Not adopted yet: the text as it stands, marked “Draft” with today’s date.',
			amendments: 'The list of amendments',
			amendmentsHint: 'Every tabled amendment in text order, with its change, the positions and the outcome.',
			proceedings: 'The record of proceedings',
			proceedingsHint: 'Every decision, statement and vote, sitting by sitting.',
			lineNumbers: 'Line numbers in the PDF and DOCX',
			download: 'Download {{what}} as {{format}}'
		},
		format: {
			pdf: 'PDF',
			docx: 'Word (DOCX)',
			html: 'HTML',
			akn: 'Akoma Ntoso XML',
			txt: 'Plain text'
		},
		what: {
			conclusions: 'the conclusions',
			amendments: 'the list of amendments',
			proceedings: 'the record of proceedings'
		},
		document: {
			conclusions: 'Conclusions',
			amendments: 'List of amendments',
			proceedings: 'Record of proceedings'
		},
		placeAndDates: '{{venue}}, {{dates}}',
		stamp: {
			adopted: 'Adopted on {{date}}',
			draft: 'Draft, {{date}}',
			asOf: 'As of {{date}}',
			final: 'Final: the conclusions were adopted on {{date}}'
		},
		pageWord: 'Page',
		refusal: {
			unknownWhat: 'There is no output called “{{what}}”: choose conclusions, amendments or proceedings.',
			unknownFormat: 'There is no format called “{{format}}”: choose pdf, docx, html, akn or txt.',
			notOffered: 'There is no {{format}} version of {{what}}: it comes as {{formats}}.',
			failed: 'The {{format}} file could not be made: {{reason}}'
		},
		footnotes: 'Notes',
		list: {
			none: 'No amendment has been tabled.',
			code: 'Amendment',
			author: 'Submitted by',
			target: 'Text',
			change: 'Proposed change',
			outcome: 'Outcome',
			pending: 'Pending ({{status}})',
			groupAuthor: {
				government: 'Government group',
				employers: 'Employers’ group',
				workers: 'Workers’ group'
			},
			nationalAuthor: 'Government of {{country}}',
			targets: {
				paragraph: 'Paragraph {{ref}}',
				preamble: 'Preamble, clause {{n}}',
				heading: 'Heading “{{words}}”',
				title: 'Title',
				newParagraphAfter: 'New paragraph after {{place}}',
				newSubparagraphAfter: 'New subparagraph after {{place}}',
				subamendment: 'Subamendment to {{code}}',
				unknown: 'A passage no longer in the text'
			}
		}
	}
} as const;
