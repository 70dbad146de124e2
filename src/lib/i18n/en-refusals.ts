// Why an amendment or position command was refused, keyed by the domain's reasons (amendment-policy.ts,
// amendment-lifecycle.ts, amendment.ts, position.ts) and the commands' own (server/amendments).
export default {
	amendment: {
		notMember: 'You are not taking part in this meeting.',
		notOwnGroup: 'Only members of the group work on its drafts.',
		cannotTable: 'Your role does not allow you to table amendments.',
		notGroupSecretary: "Only the group secretary tables the group's amendments.",
		noCountry: 'A Government amendment in a national capacity needs your member State on record.',
		notCoordinator: 'Only the Government coordinator tables on behalf of the Government group.',
		notGovernment: 'Only a Government representative seconds a Government amendment.',
		ownAmendment: 'You cannot second your own amendment.',
		sameCountry: 'A seconder must represent another member State.',
		notChair: 'Only the Chair does this.',
		notAuthor: 'Only those who tabled the amendment may withdraw it.',
		notSecretariat: 'Only the secretariat returns an amendment for clarification.',
		wrongStatus: 'The amendment is not at a stage where this can be done (someone may have acted first).',
		noSeconderNeeded: 'This amendment needs no seconder.',
		needsSeconder: 'This amendment must be seconded before it is discussed.',
		parentNotOpen: 'The amendment this subamends is no longer open.',
		openSubamendments: 'Its subamendments must be settled first.',
		wasSubamended: 'A subamendment to it was adopted: adopt it as subamended.',
		noAdoptedSubamendment: 'No subamendment to it has been adopted.',
		unknownTarget: 'The paragraph this amendment is about is not in the text.',
		wrongTarget: 'This kind of amendment does not apply to that part of the text.',
		emptyText: 'The proposed wording is empty.',
		multilineText:
			'The proposed wording must be one paragraph, without line breaks, tabs or other invisible control characters.',
		textTooLong: 'The proposed wording is too long ({{max}} characters at most).',
		justificationTooLong: 'The justification is too long ({{max}} characters at most).',
		justificationControl: 'The justification holds an invisible control character: type it again without it.',
		notFound: 'No such amendment.',
		invalidProposal: 'The amendment is not well formed.',
		unknownCapacity: 'Table on behalf of the group or in a national capacity.',
		unknownAction: 'Unknown step.',
		wasTabled: 'This draft was tabled before: withdraw it rather than discard it.',
		badOrder: 'The order must list amendments to this paragraph only, each once.',
		noConflicts: 'There is nothing to resolve for this amendment.',
		unitDecided: 'The text this amendment changes has been decided: reopen it first.',
		tabledExist:
			'Amendments to this text have been drafted or tabled: it can no longer be replaced by an import.'
	},
	position: {
		notMember: 'You are not taking part in this meeting.',
		notOwnGroup: "You record your own group's position only.",
		notSpeaker:
			"Only the group's spokesperson or secretary (for Governments, the coordinator) records its position.",
		noteTooLong: 'The note is too long (500 characters at most).',
		noteMultiline: 'The note must be one line.',
		unknownStance: 'Choose support, oppose, can accept, reserve or none.',
		amendmentNotTabled: 'Positions are taken on tabled amendments only.',
		unknownSubject: 'Positions are taken on paragraphs and subparagraphs.'
	},
	decision: {
		notMember: 'You are not taking part in this meeting.',
		notChair: 'Only the Chairperson takes decisions on the text.',
		wrongStatus: 'That decision cannot be taken on this text as it stands (it may just have been taken).',
		bracketsOpen: 'Words in this text are still in square brackets: settle them before adopting it.',
		badBracket: 'Square brackets must enclose some words of the text.',
		overlappingBracket: 'These words overlap or touch words already in square brackets.',
		unknownBracket: 'No such square brackets in this text.',
		reasonRequired: 'Say why the text is reopened: the reason goes on the record.',
		reasonTooLong: 'The reason is too long (1,000 characters at most).',
		conclusionsAdopted: 'The conclusions have been adopted: the text is final.',
		notDecidable: 'Decisions are taken on preambular paragraphs, paragraphs and subparagraphs.',
		openAmendments: 'Amendments to this text are still open ({{codes}}): settle them before adopting it.',
		notAmended: 'No amendment to this text has been adopted: adopt it as drafted.',
		wasAmended: 'Amendments to this text have been adopted ({{codes}}): adopt it as amended.',
		unresolvedConflict:
			'The change adopted in {{codes}} could not be merged in full, and the secretariat has not yet resolved the conflict: the text is adopted once it has.',
		unknown: 'Unknown decision.',
		unknownUnit: 'No such paragraph in this text.'
	},
	sitting: {
		unknown: 'No such sitting in this meeting.'
	},
	conclusions: {
		pending: 'Some paragraphs are not yet decided.',
		empty: 'There is no text to adopt.'
	},
	statement: {
		notMember: 'You are not taking part in this meeting.',
		notSpeaker: 'You make statements in your own name only.',
		noGroup: 'Statements are made by members of the groups.',
		notForGroup: "Only the group's spokesperson or secretary speaks on behalf of the group.",
		empty: 'The statement is empty.',
		tooLong: 'The statement is too long (5,000 characters at most).',
		unknownKind: 'A statement is interpretive or a reservation.',
		wrongSubject: 'Statements are made on paragraphs or on the conclusions as a whole.'
	},
	vote: {
		notMember: 'You are not taking part in this meeting.',
		notOfficer:
			'Only the Chairperson and the secretariat record votes; only the secretariat sets the quorum.',
		badQuorum: 'The quorum is a whole number of members.',
		twice: 'Someone is counted twice.',
		notEntitled: 'A vote comes from someone not entitled to vote.',
		badCount: 'Counts must be whole numbers.',
		tooMany: 'A group has more votes than members.'
	}
} as const;
