// The list of amendments as an Akoma Ntoso 3.0 <amendmentList> (OUT-3, OUT-6): a collection with one
// <amendment> document per tabled amendment, each pointing at the unit of the conclusions it changes.
import type { AmendmentListOutput, AmendmentListRow } from '#lib/domain/outputs/model.ts';
import { GROUPS } from '#lib/domain/roles.ts';
import {
	appendIdentification,
	appendPreface,
	appendReferences,
	appendWorkflow,
	conclusionsPortionIri,
	conclusionsWorkIri,
	ontologyIri,
	REF,
	workIri,
	type ExtraReference
} from './meta.ts';
import { aknRoot, serialize, type El } from './xml.ts';

export function renderAknAmendmentList(doc: AmendmentListOutput): string {
	const root = aknRoot();
	const list = root.ele('amendmentList', { name: 'amendmentList' });

	const meta = list.ele('meta');
	appendIdentification(meta, {
		work: workIri(doc.meeting, 'amendmentList', doc.meeting.id),
		name: 'amendmentList',
		number: doc.meeting.id,
		workDates: [{ date: doc.meeting.startDate, name: 'meeting' }],
		workAuthor: REF.meeting,
		stamp: doc.stamp
	});
	appendWorkflow(meta, doc.stamp);
	// The groups author amendments and state positions; the embedded amendments refer to these too
	// (their own meta carries no references: eIds must be unique across the whole collection).
	const groups: ExtraReference[] = GROUPS.map((g) => ({
		kind: 'TLCOrganization',
		eId: g,
		href: ontologyIri('organizations', `group.${g}`),
		showAs: doc.labels.groups[g]
	}));
	appendReferences(meta, doc.meeting, doc.stamp, groups);

	appendPreface(list, doc.meeting, doc.stamp, (docTitle) => docTitle.txt(doc.labels.document));

	const body = list.ele('collectionBody');
	doc.rows.forEach((row, i) => appendAmendment(body, doc, row, `cmp_${i + 1}`));
	// A collection needs at least one component: with nothing tabled, it says so.
	if (doc.rows.length === 0)
		body
			.ele('component', { eId: 'cmp_1' })
			.ele('interstitial', { eId: 'cmp_1__intstl_1' })
			.ele('p')
			.txt(doc.labels.none);
	return serialize(root);
}

function amendmentWorkIri(doc: AmendmentListOutput, code: string): string {
	return workIri(doc.meeting, 'amendment', `${doc.meeting.id}-${code}`);
}

function appendAmendment(body: El, doc: AmendmentListOutput, row: AmendmentListRow, cmp: string): void {
	const { labels } = doc;
	const amendment = body.ele('component', { eId: cmp, GUID: row.id }).ele('amendment', { name: row.kind });
	appendIdentification(amendment.ele('meta'), {
		work: amendmentWorkIri(doc, row.code),
		name: 'amendment',
		number: row.code,
		workDates: [{ date: doc.meeting.startDate, name: 'meeting' }],
		workAuthor: row.authorGroup,
		stamp: doc.stamp
	});
	const amendmentBody = amendment.ele('amendmentBody');

	const heading = table(amendmentBody.ele('amendmentHeading'), `${cmp}__table_1`);
	cell(heading, labels.code).ele('docNumber').txt(row.code);
	cell(heading, labels.author)
		.ele('docProponent', { refersTo: `#${row.authorGroup}` })
		.txt(row.author);
	appendTarget(cell(heading, labels.target), doc, row);

	const content = amendmentBody.ele('amendmentContent');
	const change = content.ele('p');
	for (const piece of row.change) {
		if (piece.kind === 'same') change.txt(piece.text);
		else change.ele(piece.kind === 'delete' ? 'del' : 'ins').txt(piece.text);
	}
	// The groups' positions and the outcome are how the meeting dealt with the change: beside it.
	const handling = table(content, `${cmp}__table_2`);
	for (const g of GROUPS) {
		const position = cell(handling, labels.groups[g]);
		if (row.positions[g]) position.txt(row.positions[g]);
	}
	cell(handling, labels.outcome).ele('outcome').txt(row.outcome);

	if (row.justification) amendmentBody.ele('amendmentJustification').ele('p').txt(row.justification);
}

/**
 * What the amendment changes: the affected document (the conclusions, or for a subamendment the amendment
 * it amends) and, where the unit has a number in the text as it stands, a link to that paragraph or point.
 */
function appendTarget(p: El, doc: AmendmentListOutput, row: AmendmentListRow): void {
	if (row.parentCode !== null) {
		p.ele('affectedDocument', { href: amendmentWorkIri(doc, row.parentCode) }).txt(row.target);
		return;
	}
	const affected = p.ele('affectedDocument', { href: conclusionsWorkIri(doc.meeting) });
	if (row.targetReference === null) affected.txt(row.target);
	else affected.ele('ref', { href: conclusionsPortionIri(doc.meeting, row.targetReference) }).txt(row.target);
}

function table(parent: El, eId: string): El {
	return parent.ele('table', { eId });
}

/** A row of `table` headed by `label`; returns the paragraph of its value cell. */
function cell(table: El, label: string): El {
	const tr = table.ele('tr');
	tr.ele('th').ele('p').txt(label);
	return tr.ele('td').ele('p');
}
