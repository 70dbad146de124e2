// The English interface text. French and Spanish catalogues will mirror these keys.
import docx from './en-docx.ts';
import history from './en-history.ts';
import outputs from './en-outputs.ts';
import record from './en-record.ts';
import refusals from './en-refusals.ts';

export default {
	...refusals,
	...record,
	...history,
	...docx,
	...outputs,
	app: { name: 'Drafting Room' },
	nav: { label: 'Account', signedInAs: 'Signed in as {{name}}', signOut: 'Sign out' },
	error: {
		title: 'Something went wrong',
		forbiddenTitle: 'Not allowed',
		notFoundTitle: 'Not found',
		home: 'Back to your meetings',
		signInRequired: 'Please sign in.'
	},
	login: {
		title: 'Sign in',
		username: 'Username',
		password: 'Password',
		submit: 'Sign in',
		missing: 'Enter your username and password.',
		invalid: 'Wrong username or password.',
		throttled: 'Too many failed attempts. Try again in {{seconds}} s.'
	},
	password: {
		title: 'Choose your password',
		mustChange: 'You signed in with a one-time password. Choose your own to continue.',
		current: 'Current password',
		new: 'New password (at least {{min}} characters)',
		confirm: 'New password again',
		submit: 'Save password',
		wrongCurrent: 'The current password is not right.',
		tooShort: 'The new password needs at least {{min}} characters.',
		mismatch: 'The two new passwords differ.',
		same: 'Choose a password different from the one you were given.'
	},
	meetings: {
		title: 'Your meetings',
		new: 'New meeting',
		none: 'You are not a participant in any meeting yet.'
	},
	newMeeting: {
		title: 'New meeting',
		meetingTitle: 'Title',
		venue: 'Venue',
		startDate: 'First day',
		endDate: 'Last day',
		sittings: 'Number of sittings',
		submit: 'Create meeting'
	},
	meeting: {
		navLabel: 'Meeting',
		tabText: 'Text',
		tabParticipants: 'Participants',
		tabImport: 'Import the draft',
		tabRecord: 'Record of proceedings',
		tabHistory: 'History',
		tabOutputs: 'Outputs'
	},
	document: {
		label: 'Draft conclusions',
		paragraph: 'Paragraph {{ref}}',
		large: 'Large text',
		print: 'Print',
		empty: 'The secretariat has not imported the draft yet.',
		emptyManage: 'No draft yet. Import the Office text to begin.'
	},
	status: {
		draft: 'Draft',
		under_discussion: 'Under discussion',
		adopted: 'Adopted',
		adopted_as_amended: 'Adopted as amended',
		deferred: 'Deferred',
		bracketed: 'In square brackets',
		deleted: 'Deleted'
	},
	group: { government: 'Government', employers: 'Employers', workers: 'Workers' },
	role: {
		chair: 'Chairperson',
		vice_chair: 'Vice-Chairperson',
		spokesperson: 'Spokesperson',
		group_secretary: 'Group secretary',
		government_coordinator: 'Government coordinator',
		drafting_committee: 'Drafting committee',
		secretariat: 'Secretariat',
		observer: 'Observer'
	},
	participants: {
		title: 'Participants',
		name: 'Name',
		username: 'Username',
		group: 'Group',
		noGroup: 'No group (Chair, secretariat, observer)',
		country: 'Country (Government representatives)',
		roles: 'Roles',
		edit: 'Edit',
		save: 'Save',
		remove: 'Remove {{name}} from the meeting',
		addTitle: 'Add a participant',
		addHelp:
			'A new username creates an account with a one-time password, shown to you once. An existing username adds that person.',
		add: 'Add participant',
		createdWithPassword: 'Account {{username}} created. Give this one-time password to its holder:',
		shownOnce: 'It is shown only now. They choose their own password at first sign-in.',
		addedExisting: '{{username}} was added to the meeting.'
	},
	participant: {
		noRoleOutsideGroup: 'Someone outside the three groups needs a role (Chair, secretariat or observer).',
		roleNeedsGroup: 'Vice-Chairpersons, spokespersons, group secretaries and coordinators belong to a group.',
		roleOutsideGroupOnly: 'The Chair, the secretariat and observers sit in no group.',
		coordinatorIsGovernment: 'The coordinator belongs to the Government group.',
		observerOnly: 'An observer holds no other role.',
		duplicateRole: 'A role is listed twice.',
		nameRequired: 'A new account needs a name.',
		alreadyIn: '{{username}} is already a participant.',
		notFound: 'No such participant in this meeting.',
		lastSecretariat: 'The meeting needs at least one member of the secretariat.'
	},
	policy: {
		notOffice: 'Only the Office creates meetings.',
		notMember: 'No such meeting, or you are not one of its participants.',
		notSecretariat: 'Only the secretariat of this meeting can do this.',
		textAlreadyDecided: 'Decisions have been taken on this text: it can no longer be replaced by an import.',
		notDrafter: 'Only drafting committee members and the secretariat edit the text.',
		unitLocked: 'This paragraph is adopted and locked.',
		notInGroup: "Only the group's own members can open its room."
	},
	form: {
		required: 'Required.',
		tooLong: 'Too long.',
		date: 'A date is needed (YYYY-MM-DD).',
		number: 'A whole number is needed.',
		sittings: 'Between 1 and 60 sittings.',
		endBeforeStart: 'The last day cannot come before the first.',
		username: 'Usernames use 2–40 lowercase letters, digits, dots, dashes or underscores.',
		group: 'Unknown group.',
		role: 'Unknown role.'
	},
	import: {
		title: 'Import the Office draft',
		help: 'Paste the draft conclusions as plain text, one paragraph per line, as they come from a word processor. Numbers, headings, the preamble and [^1]-style footnotes are recognised; check the preview before importing.',
		source: 'Text',
		preview: 'Preview',
		previewTitle: 'Preview',
		counts:
			'{{preamble}} preamble clauses, {{headings}} headings, {{paragraphs}} paragraphs, {{subparagraphs}} subparagraphs, {{footnotes}} footnotes.',
		warningsTitle: 'Check these',
		noWarnings: 'Nothing doubtful was found.',
		line: 'Line {{line}}',
		replaces: 'Importing replaces the current draft.',
		confirm: 'Import this text',
		tooLarge: 'This text is too large to import.'
	},
	collab: {
		status: {
			label: 'Connection',
			connecting: 'Connecting…',
			connected: 'Connected',
			reconnecting: 'Reconnecting…',
			reconnectingUnsaved: 'Reconnecting… your changes are kept on this device',
			offline: 'Offline',
			offlineUnsaved: 'Offline — your changes are kept on this device',
			signedOut: 'Signed out',
			stopped: 'Not connected'
		},
		notSaved: {
			one: 'Your last change to {{units}} was not saved: {{reason}}',
			many: 'Your last changes to {{units}} were not saved: {{reason}}',
			truth: 'The text now shows what everyone else sees.'
		},
		reason: {
			forbidden: 'you may not change this text now; it may have been adopted or locked meanwhile.',
			replaced: 'the secretariat has imported a new draft in the meantime.',
			unresolvable: 'it no longer fits the text on the server.',
			malformed: 'the server could not read it.',
			tooLong: 'the text would be longer than a paragraph, or the whole text, may be.',
			character: 'it held a line break or another invisible character that a paragraph cannot hold.',
			other: 'the server refused it.'
		},
		signedOut: 'Your session has ended. Sign in again to go on working.',
		signedOutUnsaved: 'Your session has ended. Your last changes to {{units}} could not be saved.',
		signIn: 'Sign in again',
		stopped: 'The connection keeps failing. Reload the page to see the current text.',
		rightsChanged:
			'Your part in this meeting has changed (group, roles or membership). The page now shows it.',
		rightsChangedUnsaved:
			'Your part in this meeting has changed (group, roles or membership): your last change to {{units}} was not saved.',
		reload: 'Reload',
		dismiss: 'Dismiss',
		unit: {
			paragraph: 'paragraph {{ref}}',
			title: 'the title',
			preamble: 'the preamble',
			heading: 'a heading',
			footnote: 'footnote {{label}}',
			unknown: 'a part of the text'
		},
		presence: {
			title: 'In the meeting now',
			you: '{{name}} (you)',
			editing: 'editing paragraph {{ref}}',
			reading: 'reading'
		}
	},
	amendments: {
		badge: 'Amendments ({{count}})',
		badgeOf: 'to {{ref}}',
		pick: 'Amendments and positions of',
		pickNone: 'Choose a paragraph',
		pickOption: 'Paragraph {{ref}} ({{count}})',
		kind: {
			change_wording: 'Change of wording',
			insert_after: 'Insertion',
			delete: 'Deletion',
			change_clause: 'Change of a preamble clause or heading',
			subamendment: 'Subamendment'
		},
		status: {
			draft: 'Draft',
			tabled: 'Tabled',
			seconded: 'Seconded',
			under_discussion: 'Under discussion',
			adopted: 'Adopted',
			adopted_as_subamended: 'Adopted as subamended',
			// AMD-22: adopted, but the change is not all in the text until the secretariat resolves the conflict.
			adopted_conflict: 'Adopted — not yet all in the text (conflict)',
			adopted_as_subamended_conflict: 'Adopted as subamended — not yet all in the text (conflict)',
			rejected: 'Rejected',
			withdrawn: 'Withdrawn',
			fell: 'Fell',
			not_seconded: 'Not seconded'
		},
		step: {
			second: 'Second',
			call: 'Call for discussion',
			adopt: 'Adopt',
			adoptAsSubamended: 'Adopt as subamended',
			reject: 'Reject',
			withdraw: 'Withdraw',
			declareFallen: 'Declare fallen',
			declareNotSeconded: 'Declare not seconded',
			return: 'Return for clarification'
		},
		stance: {
			support: 'Support',
			oppose: 'Oppose',
			can_accept: 'Can accept',
			reserve: 'Reserve',
			none: 'No position'
		},
		consensus: { consensus: 'Consensus', no_consensus: 'No consensus', pending: 'Consensus pending' },
		diff: {
			deleted: 'deleted: ',
			inserted: 'inserted: ',
			noChange: 'No change to the wording yet.'
		},
		positions: {
			title: 'Positions',
			rowLabel: 'Positions on {{subject}}',
			stanceLabel: 'Position of the {{group}} group on {{subject}}',
			noteLabel: 'Note to the position of the {{group}} group on {{subject}}',
			notePlaceholder: 'Note (optional)',
			set: 'Set',
			history: 'History',
			historyLoading: 'Loading…',
			historyEmpty: 'No position recorded yet.',
			historyFailed: 'The history could not be loaded.'
		},
		panel: {
			title: 'Amendments to {{ref}}',
			titleOf: 'Amendments to {{unit}}',
			close: 'Close',
			inOrder: 'In the order of discussion ({{count}})',
			none: 'No amendment has been tabled to this text.'
		},
		card: {
			uncoded: 'Amendment',
			national: '{{group}} ({{country}})',
			subamendmentTo: 'Subamendment to {{code}}',
			insert: { paragraph: 'A new paragraph:', subparagraph: 'A new subparagraph:' },
			justification: 'Justification:',
			tabledBy: 'Tabled by {{name}}',
			secondedBy: 'seconded by {{name}} ({{country}})',
			proposeSub: 'Propose a subamendment',
			move: { up: 'Move up', down: 'Move down' }
		},
		merge: {
			moot: 'These amendments touch the same passage: {{codes}}',
			markFallen: 'Mark {{code}} as fallen',
			conflicts:
				'The adopted change could not be applied everywhere: the text had changed meanwhile. The secretariat settles these places:',
			conflict: 'proposed “{{proposed}}” where the text now reads “{{current}}”',
			resolvedBy: 'Settled by {{name}}.',
			markResolved: 'Mark resolved'
		},
		form: {
			title: 'New amendment',
			kind: 'Kind',
			level: 'What is inserted',
			levelParagraph: 'A new paragraph',
			levelSubparagraph: 'A new subparagraph',
			target: 'Text it changes',
			after: 'Insert after',
			wording: 'Wording',
			justification: 'Justification (optional)',
			create: 'Start the draft',
			paragraphOption: 'Paragraph {{ref}}',
			preambleOption: 'Preamble {{n}}: {{words}}',
			headingOption: 'Heading: {{words}}'
		},
		drafts: {
			title: 'Our drafts ({{group}})',
			none: 'The group has no drafts. Other groups see nothing until a draft is tabled.',
			connecting: 'Opening the group’s room…',
			rejected: 'The server refused a change: the drafts show what it holds.',
			startedBy: 'Started by {{name}}',
			returned: 'returned for clarification, keeps {{code}}',
			edit: 'Edit the wording of {{draft}}: ',
			editing: 'Editing the wording of {{draft}}',
			empty: '(no wording yet)',
			preview: 'Change to the text:',
			table: 'Table',
			tableNational: 'Table for {{country}}',
			tableGroup: 'Table for the group',
			discard: 'Discard',
			tabled: 'Tabled as {{code}}.'
		}
	},
	decisions: {
		console: {
			title: 'Chair’s console',
			nowDiscussing: 'Now discussing: {{unit}}',
			nothing: 'Nothing is under discussion. Take up the first paragraph, or choose one.',
			takeUp: 'Take up',
			takeUpLabel: 'Paragraph to take up',
			previous: 'Previous',
			next: 'Next',
			amendments: 'Amendment under discussion (shown first on the screen)',
			adopt: 'Adopt',
			adoptAsAmended: 'Adopt as amended',
			defer: 'Defer',
			bracket: 'Bracket the selected words',
			bracketHint: 'Select words in the paragraph’s text, then bracket them.',
			noSelection: 'Select some words of {{unit}} first.',
			bracketsOpen: 'Settle the words in square brackets before adopting.',
			final: 'The conclusions have been adopted: the text is final, and there is nothing more to decide.',
			unbracket: 'Remove the brackets around “{{words}}”',
			delete: 'Delete',
			confirmDelete: 'Delete {{unit}}',
			cancel: 'Cancel',
			reopen: 'Reopen',
			reopenReason: 'Why is it reopened? (goes on the record)',
			confirmReopen: 'Reopen {{unit}}',
			done: '{{unit}}: {{status}}.',
			keys: 'Keyboard shortcuts',
			keysShow: 'Keyboard shortcuts (?)',
			keysHide: 'Hide',
			key: {
				next: 'Next paragraph',
				previous: 'Previous paragraph',
				adopt: 'Adopt',
				adoptAsAmended: 'Adopt as amended',
				defer: 'Defer',
				bracket: 'Bracket the selected words',
				help: 'Show or hide this list'
			},
			or: 'or'
		},
		unit: {
			preamble: 'preambular paragraph {{ref}}',
			paragraph: 'paragraph {{ref}}'
		},
		follow: 'Follow the Chair',
		conclusions: {
			title: 'The conclusions as a whole',
			adopt: 'Adopt the conclusions',
			adopted: 'The conclusions have been adopted.',
			pending: 'Not yet decided ({{count}}):',
			empty: 'There is no text to adopt.'
		},
		screen: {
			title: 'Screen',
			preamble: 'Preambular paragraph {{ref}}',
			waiting: 'The Chair has not taken up a paragraph yet.',
			amendments: 'Amendments',
			noAmendments: 'No open amendment to this paragraph.',
			positions: 'Positions',
			connecting: 'Connecting…'
		}
	},
	statements: {
		title: 'Statements',
		count: 'Statements ({{count}})',
		formTitle: 'Record a statement',
		kind: 'Kind',
		kindOption: { interpretive: 'Interpretive statement', reservation: 'Reservation' },
		subject: 'On',
		subjectUnit: '{{unit}}',
		subjectConclusions: 'the conclusions as a whole',
		speaker: 'Speaker',
		onBehalf: 'On behalf of my group',
		onBehalfOf: 'On behalf of the speaker’s group',
		text: 'Statement',
		submit: 'Put on the record',
		recorded: 'The statement is on the record.',
		by: {
			member: '{{name}} ({{group}})',
			national: 'Government of {{country}}',
			group: '{{group}} group'
		},
		onConclusions: 'On the conclusions as a whole'
	},
	votes: {
		title: 'Record a vote',
		subject: 'On',
		subjectUnit: '{{unit}}',
		subjectAmendment: 'amendment {{code}}',
		group: 'Group',
		yes: 'Yes',
		no: 'No',
		abstain: 'Abstain',
		countLabel: '{{group}}: {{choice}}',
		members: 'of {{count}}',
		submit: 'Record the vote',
		tally: 'Tally',
		weight: 'Each member’s votes',
		weighted: 'Weighted',
		total: 'Total',
		result: { carried: 'Carried', lost: 'Not carried', no_quorum: 'No quorum: the vote does not stand' },
		participants: '{{participants}} members took part (quorum {{quorum}}).',
		mode: 'How the votes are counted',
		byGroup: 'Each group’s totals',
		byMember: 'Member by member',
		member: 'Member',
		choice: 'Vote',
		choiceOf: 'Vote of {{name}}',
		didNotVote: '—',
		quorum: 'Quorum (members who must take part)',
		setQuorum: 'Set the quorum',
		quorumIs: 'Quorum: {{quorum}} members.'
	},
	proceedings: {
		title: 'Record of proceedings',
		sitting: 'Sitting {{number}} — {{date}}',
		sittingUndated: 'Sitting {{number}}',
		noSitting: 'Outside the sittings',
		empty: 'Nothing is on the record yet.',
		current: 'Sitting in progress',
		byDate: 'By the date',
		setCurrent: 'Set'
	},
	editor: {
		hint: 'Press Enter to edit this text. While editing, Escape returns to reading.',
		label: 'Editing {{unit}}',
		tooLong:
			'This text holds at most {{max}} characters: the change would make it longer, so it was not made.'
	}
} as const;
