// The <meta> block the Akoma Ntoso documents share: FRBR identification, workflow and references.
//
// IRIs follow the AKN naming convention: /akn/{jurisdiction}/{type}[/{subtype}]/{actor}/{date}/{number},
// the expression adds /{language}@{version date}, the manifestation /!main.xml. The ILO has no ISO 3166
// country code (FRBRcountry's documented content); the schema takes any string, and 'un' is the
// jurisdiction the UN system's AKN profile (AKN4UN) writes for its organizations, with the ILO as actor.
import type { OutputMeeting, OutputStamp } from '#lib/domain/outputs/model.ts';
import { idPart, type El } from './xml.ts';

export const JURISDICTION = 'un';
export const ACTOR = 'ilo';
/** The text is drafted and adopted in English; other languages are translations, made elsewhere. */
export const LANGUAGE = 'eng';

/** eIds of the references every document carries (used as '#ilo' etc. in the metadata and the text). */
export const REF = {
	ilo: 'ilo',
	meeting: 'meeting',
	secretariat: 'secretariat',
	adoption: 'adoption',
	drafting: 'drafting',
	adopted: 'adopted',
	draft: 'draft'
} as const;

/** The Work IRI: the same for every draft and the adopted text, so that amendments can point at it. */
export function workIri(meeting: OutputMeeting, type: string, number: string): string {
	return `/akn/${JURISDICTION}/${type}/${ACTOR}/${meeting.startDate}/${idPart(number)}`;
}

export function conclusionsWorkIri(meeting: OutputMeeting): string {
	return workIri(meeting, 'statement/conclusions', meeting.id);
}

/** Where a paragraph or point lives in the conclusions: '5(iii)' → …/~para_5__point_iii. */
export function conclusionsPortionIri(meeting: OutputMeeting, reference: string): string {
	return `${conclusionsWorkIri(meeting)}/~${referenceEid(reference)}`;
}

export function paragraphEid(number: string): string {
	return `para_${idPart(number)}`;
}

export function pointEid(number: string, label: string): string {
	return `${paragraphEid(number)}__point_${idPart(label)}`;
}

/** The eId of the unit a reference names: '5' → para_5, '5(iii)' → para_5__point_iii. */
export function referenceEid(reference: string): string {
	const m = /^(.*?)(\([^()]*\))?$/.exec(reference.trim());
	const number = m?.[1] ?? reference;
	return m?.[2] ? pointEid(number, m[2]) : paragraphEid(number);
}

export interface Identity {
	work: string;
	/** FRBRname and FRBRsubtype where the type has one ('conclusions'). */
	name: string;
	subtype?: string;
	number: string;
	/** Dates of the Work: the meeting, and the adoption once there is one. */
	workDates: { date: string; name: string }[];
	/** Who the Work is by (a references eId): the meeting for its conclusions, a group for an amendment. */
	workAuthor: string;
	stamp: OutputStamp;
}

/** <identification>: FRBRWork, FRBRExpression (this version, in English), FRBRManifestation (this XML). */
export function appendIdentification(meta: El, id: Identity): void {
	const expression = `${id.work}/${LANGUAGE}@${id.stamp.date}`;
	const ident = meta.ele('identification', { source: `#${REF.ilo}` });

	const work = ident.ele('FRBRWork');
	work.ele('FRBRthis', { value: `${id.work}/!main` });
	work.ele('FRBRuri', { value: id.work });
	for (const d of id.workDates) work.ele('FRBRdate', { date: d.date, name: d.name });
	work.ele('FRBRauthor', { href: `#${id.workAuthor}` });
	work.ele('FRBRcountry', { value: JURISDICTION });
	if (id.subtype) work.ele('FRBRsubtype', { value: id.subtype });
	work.ele('FRBRnumber', { value: id.number });
	work.ele('FRBRname', { value: id.name });

	const expr = ident.ele('FRBRExpression');
	expr.ele('FRBRthis', { value: `${expression}/!main` });
	expr.ele('FRBRuri', { value: expression });
	expr.ele('FRBRdate', { date: id.stamp.date, name: id.stamp.kind === 'adopted' ? 'adoption' : 'draft' });
	expr.ele('FRBRauthor', { href: `#${REF.ilo}`, as: `#${REF.secretariat}` });
	expr.ele('FRBRlanguage', { language: LANGUAGE });

	const manif = ident.ele('FRBRManifestation');
	manif.ele('FRBRthis', { value: `${expression}/!main.xml` });
	manif.ele('FRBRuri', { value: `${expression}.akn` });
	manif.ele('FRBRdate', { date: id.stamp.date, name: 'generation' });
	manif.ele('FRBRauthor', { href: `#${REF.ilo}`, as: `#${REF.secretariat}` });
	manif.ele('FRBRformat', { value: 'application/akn+xml' });
}

/**
 * <workflow>: the adoption by the meeting, or, for a draft, the Office's drafting step as of the stamp's
 * date, so that no reader of the metadata takes a draft for the adopted text.
 */
export function appendWorkflow(meta: El, stamp: OutputStamp): void {
	const adopted = stamp.kind === 'adopted';
	meta.ele('workflow', { source: `#${REF.ilo}` }).ele('step', {
		date: stamp.date,
		by: `#${adopted ? REF.meeting : REF.ilo}`,
		refersTo: `#${adopted ? REF.adoption : REF.drafting}`,
		outcome: `#${adopted ? REF.adopted : REF.draft}`
	});
}

export interface ExtraReference {
	kind: 'TLCOrganization' | 'TLCPerson' | 'TLCConcept' | 'TLCRole';
	eId: string;
	href: string;
	showAs: string;
}

const ONTOLOGY = '/akn/ontology';

/** An ontology IRI for something of the ILO's: ('organizations', 'group.workers') → …/un/ilo.group.workers. */
export function ontologyIri(kind: string, name?: string): string {
	return `${ONTOLOGY}/${kind}/${JURISDICTION}/${ACTOR}${name ? `.${idPart(name)}` : ''}`;
}

/** <references>: whatever the metadata and the text point at with '#…' — ILO, meeting, roles, concepts. */
export function appendReferences(
	meta: El,
	meeting: OutputMeeting,
	stamp: OutputStamp,
	extra: ExtraReference[] = []
): void {
	const adopted = stamp.kind === 'adopted';
	const all: ExtraReference[] = [
		{
			kind: 'TLCOrganization',
			eId: REF.ilo,
			href: ontologyIri('organizations'),
			showAs: 'International Labour Organization'
		},
		{
			kind: 'TLCOrganization',
			eId: REF.meeting,
			href: ontologyIri('organizations', meeting.id),
			showAs: meeting.title
		},
		...extra,
		adopted
			? {
					kind: 'TLCConcept',
					eId: REF.adoption,
					href: ontologyIri('concepts', 'adoption'),
					showAs: 'Adoption'
				}
			: {
					kind: 'TLCConcept',
					eId: REF.drafting,
					href: ontologyIri('concepts', 'drafting'),
					showAs: 'Drafting'
				},
		{
			kind: 'TLCConcept',
			eId: adopted ? REF.adopted : REF.draft,
			href: ontologyIri('concepts', adopted ? 'adopted' : 'draft'),
			showAs: stamp.label
		},
		{
			kind: 'TLCRole',
			eId: REF.secretariat,
			href: ontologyIri('roles', 'secretariat'),
			showAs: 'Secretariat'
		}
	];
	const refs = meta.ele('references', { source: `#${REF.ilo}` });
	for (const r of all) refs.ele(r.kind, { eId: r.eId, href: r.href, showAs: r.showAs });
}

/**
 * <preface>: the title (filled in by `title`, which may place a footnote), the meeting that speaks, where
 * and when it met, and where the document stands — with the adoption or draft date machine-readable.
 */
export function appendPreface(
	parent: El,
	meeting: OutputMeeting,
	stamp: OutputStamp,
	title: (docTitle: El) => void
): void {
	const preface = parent.ele('preface');
	title(preface.ele('longTitle', { eId: 'longTitle_1' }).ele('p').ele('docTitle'));
	preface
		.ele('p')
		.ele('docProponent', { refersTo: `#${REF.meeting}` })
		.txt(meeting.title);
	preface.ele('p').txt(meeting.placeAndDates);
	preface
		.ele('p')
		.ele('docStatus', { refersTo: `#${stamp.kind === 'adopted' ? REF.adopted : REF.draft}` })
		.ele('docDate', { date: stamp.date })
		.txt(stamp.label);
}
