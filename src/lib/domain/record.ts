// The record of proceedings in the meeting's own phrasing (docs/domain.md, "The record and the outputs"):
// "The Workers' amendment D.12 to paragraph 5(iii) was adopted as subamended by the Employers."
// "Paragraph 7, as amended, was adopted." Each event the record keeps becomes one sentence, given as a
// message key and its parameters (which may be phrases themselves), so that the record reads in the
// reader's language; src/lib/i18n renders it. Pure. Rules REC-n in SPEC.md.
import type { GroupId } from './roles.ts';
import type { StatementKind } from './statement.ts';

/** A phrase of the record: a message key under `record.` and its parameters. */
export interface Phrase {
	key: string;
	params: Record<string, string | number | Phrase>;
}

/** What a decision or statement is about, as the record names it. */
export type RecordTarget =
	| { kind: 'paragraph'; reference: string }
	| { kind: 'preamble'; ordinal: number }
	| { kind: 'heading'; text: string }
	| { kind: 'amendment'; code: string }
	| { kind: 'conclusions' };

/** Who an amendment is by: a group, or one Government in a national capacity. */
export type RecordAuthor = { kind: 'group'; groupId: GroupId } | { kind: 'national'; country: string };

export interface RecordAmendment {
	code: string;
	author: RecordAuthor;
	target: RecordTarget;
}

/** Who spoke: a member in their own name (a Government member by country), or a group. */
export type RecordSpeaker =
	| { kind: 'member'; name: string; groupId: GroupId; country: string | null }
	| { kind: 'group'; groupId: GroupId };

export type AmendmentOutcome =
	'called' | 'adopted' | 'rejected' | 'withdrawn' | 'fell' | 'not_seconded' | 'returned';

export type RecordEvent =
	| { type: 'amendment.tabled'; amendment: RecordAmendment }
	| { type: 'amendment.seconded'; amendment: RecordAmendment; country: string }
	/** `conflict`: an adoption whose change could not all be merged into the text (REC-5). */
	| { type: 'amendment.outcome'; amendment: RecordAmendment; outcome: AmendmentOutcome; conflict?: boolean }
	| {
			type: 'amendment.adoptedAsSubamended';
			amendment: RecordAmendment;
			subamendedBy: RecordAuthor;
			conflict?: boolean;
	  }
	/** The secretariat resolved the conflict an adoption left; `text`: the unit's words then (REC-5). */
	| {
			type: 'amendment.conflictResolved';
			amendment: RecordAmendment;
			unit: RecordTarget;
			text: string | null;
	  }
	| {
			type: 'unit.decided';
			target: RecordTarget;
			decision: 'discussed' | 'adopted' | 'adopted_as_amended' | 'deferred' | 'deleted';
	  }
	| { type: 'unit.reopened'; target: RecordTarget; reason: string }
	| { type: 'unit.bracketed'; target: RecordTarget; words: string }
	| { type: 'unit.unbracketed'; target: RecordTarget; words: string }
	| {
			type: 'vote';
			subject: RecordTarget;
			total: { yes: number; no: number; abstain: number };
			result: 'carried' | 'lost' | 'no_quorum';
			participants: number;
			quorum: number;
	  }
	| {
			type: 'statement';
			speaker: RecordSpeaker;
			kind: StatementKind;
			subject: RecordTarget;
			text: string;
	  }
	| { type: 'conclusions.adopted'; asAmended: boolean };

const phrase = (key: string, params: Phrase['params'] = {}): Phrase => ({ key: `record.${key}`, params });

/** REC-2: a target as the middle of a sentence names it ("paragraph 5(iii)"); `start` as its beginning. */
export function targetPhrase(t: RecordTarget, start = false): Phrase {
	const form = start ? 'targetStart' : 'target';
	switch (t.kind) {
		case 'paragraph':
			return phrase(`${form}.paragraph`, { ref: t.reference });
		case 'preamble':
			return phrase(`${form}.preamble`, { n: t.ordinal });
		case 'heading':
			return phrase(`${form}.heading`, { text: t.text });
		case 'amendment':
			return phrase(`${form}.amendment`, { code: t.code });
		case 'conclusions':
			return phrase(`${form}.conclusions`);
	}
}

/**
 * REC-3: "The Workers' amendment D.12 to paragraph 5(iii)"; a national one names its country. `mid`: as
 * the middle of a sentence ("the Workers' amendment …").
 */
export function amendmentPhrase(a: RecordAmendment, mid = false): Phrase {
	const target = targetPhrase(a.target);
	const form = mid ? 'amendmentByMid' : 'amendmentBy';
	return a.author.kind === 'group'
		? phrase(`${form}.${a.author.groupId}`, { code: a.code, target })
		: phrase(`${form}.national`, { code: a.code, country: a.author.country, target });
}

/** "the Employers", "the Government member of Kenya": who subamended an amendment. */
function byPhrase(a: RecordAuthor): Phrase {
	return a.kind === 'group' ? phrase(`by.${a.groupId}`) : phrase('by.national', { country: a.country });
}

function speakerPhrase(s: RecordSpeaker): Phrase {
	if (s.kind === 'group') return phrase(`speaker.group.${s.groupId}`);
	return s.country
		? phrase('speaker.governmentMember', { country: s.country })
		: phrase(`speaker.member.${s.groupId}`, { name: s.name });
}

/** REC-1: the sentence the record gives an event. */
export function recordSentence(e: RecordEvent): Phrase {
	switch (e.type) {
		case 'amendment.tabled':
			return phrase('amendment.tabled', { amendment: amendmentPhrase(e.amendment) });
		case 'amendment.seconded':
			return phrase('amendment.seconded', { amendment: amendmentPhrase(e.amendment), country: e.country });
		case 'amendment.outcome':
			// REC-5: an adoption that met a conflict is not told as a plain adoption.
			return phrase(
				e.outcome === 'adopted' && e.conflict ? 'amendment.adoptedWithConflict' : `amendment.${e.outcome}`,
				{ amendment: amendmentPhrase(e.amendment) }
			);
		case 'amendment.adoptedAsSubamended':
			return phrase(
				e.conflict ? 'amendment.adoptedAsSubamendedWithConflict' : 'amendment.adoptedAsSubamended',
				{
					amendment: amendmentPhrase(e.amendment),
					by: byPhrase(e.subamendedBy)
				}
			);
		case 'amendment.conflictResolved':
			return e.text === null
				? phrase('amendment.conflictResolved', { amendment: amendmentPhrase(e.amendment, true) })
				: phrase('amendment.conflictResolvedReads', {
						amendment: amendmentPhrase(e.amendment, true),
						Target: targetPhrase(e.unit, true),
						text: e.text
					});
		case 'unit.decided':
			return phrase(`unit.${e.decision}`, {
				target: targetPhrase(e.target),
				Target: targetPhrase(e.target, true)
			});
		case 'unit.reopened':
			return phrase('unit.reopened', { Target: targetPhrase(e.target, true), reason: e.reason });
		case 'unit.bracketed':
		case 'unit.unbracketed':
			return phrase(e.type, { target: targetPhrase(e.target), words: e.words });
		case 'vote':
			return phrase(`vote.${e.result}`, {
				subject: targetPhrase(e.subject),
				yes: e.total.yes,
				no: e.total.no,
				abstain: e.total.abstain,
				participants: e.participants,
				quorum: e.quorum
			});
		case 'statement':
			return phrase(`statement.${e.kind}`, {
				Speaker: speakerPhrase(e.speaker),
				subject: targetPhrase(e.subject),
				text: e.text
			});
		case 'conclusions.adopted':
			return phrase(e.asAmended ? 'conclusions.adoptedAsAmended' : 'conclusions.adopted');
	}
}

/** Every message key a phrase uses, nested ones included: for checking a catalogue has them all. */
export function keysOf(p: Phrase): string[] {
	return [p.key, ...Object.values(p.params).flatMap((v) => (typeof v === 'object' ? keysOf(v) : []))];
}
