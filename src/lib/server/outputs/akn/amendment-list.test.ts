import { describe, expect, it } from 'vitest';
import { GROUPS } from '#lib/domain/roles.ts';
import { sampleAmendmentList, sampleConclusions } from '#lib/domain/outputs/test-samples.ts';
import { renderAknAmendmentList } from './amendment-list.ts';
import { renderAknConclusions } from './conclusions.ts';
import { all, byEid, children, one, parse, text, validate } from './test-support.ts';

function expectValid(xml: string): void {
	const result = validate(xml);
	expect(result.output).toContain('validates');
	expect(result.status).toBe(0);
}

const CONCLUSIONS = '/akn/un/statement/conclusions/ilo/2013-11-04/ttmlm-2013';

/** The embedded amendment documents, one per component. */
function amendments(xml: string) {
	return all(one(parse(xml), 'collectionBody'), 'amendment');
}

/** label → value paragraph of a two-column table. */
function rows(table: Parameters<typeof children>[0]): Record<string, string> {
	return Object.fromEntries(
		children(table, 'tr').map((tr) => [text(one(one(tr, 'th'), 'p')), text(one(one(tr, 'td'), 'p'))])
	);
}

describe('renderAknAmendmentList', () => {
	it('writes a list that validates against the AKN 3.0 schema', () => {
		const xml = renderAknAmendmentList(sampleAmendmentList());
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
		expectValid(xml);
		expect(one(parse(xml), 'amendmentList').getAttribute('name')).toBe('amendmentList');
	});

	it('is checked by a validation that can fail', () => {
		const xml = renderAknAmendmentList(sampleAmendmentList());
		// An amendment needs its amendmentBody.
		const bodiless = xml.replace(/<amendmentBody>[\s\S]*?<\/amendmentBody>/, '');
		expect(bodiless).not.toBe(xml);
		expect(validate(bodiless).status).not.toBe(0);
	});

	it('embeds one amendment document per row, D.1 to D.4, each with its own FRBR identity', () => {
		const xml = renderAknAmendmentList(sampleAmendmentList());
		const docs = amendments(xml);
		expect(docs.map((a) => text(one(a, 'docNumber')))).toEqual(['D.1', 'D.2', 'D.3', 'D.4']);
		expect(docs.map((a) => one(one(a, 'FRBRWork'), 'FRBRthis').getAttribute('value'))).toEqual(
			['D.1', 'D.2', 'D.3', 'D.4'].map((c) => `/akn/un/amendment/ilo/2013-11-04/ttmlm-2013-${c}/!main`)
		);
		expect(docs.map((a) => one(one(a, 'FRBRWork'), 'FRBRauthor').getAttribute('href'))).toEqual([
			'#workers',
			'#employers',
			'#government',
			'#employers'
		]);
		expect(all(parse(xml), 'component').map((c) => c.getAttribute('GUID'))).toEqual(['a1', 'a2', 'a3', 'a4']);
	});

	it('shows each change inline with del and ins, text and all', () => {
		const list = sampleAmendmentList();
		const docs = amendments(renderAknAmendmentList(list));
		list.rows.forEach((row, i) => {
			const change = children(one(docs[i]!, 'amendmentContent'), 'p')[0]!;
			const pieces = Array.from(change.childNodes).map((n) =>
				n.nodeType === 3
					? { kind: 'same', text: n.nodeValue }
					: { kind: n.nodeName === 'del' ? 'delete' : 'insert', text: n.textContent }
			);
			expect(pieces, row.code).toEqual(row.change);
		});
		expect(text(one(docs[0]!, 'del'))).toBe('communications');
		expect(all(docs[0]!, 'ins').map(text)).toEqual([
			'communication',
			', in consultation with the social partners'
		]);
	});

	it('escapes & and < in the text', () => {
		const xml = renderAknAmendmentList(sampleAmendmentList());
		expect(xml).toContain('Convention No. 97 &amp; No. 143 &lt;promptly&gt;.');
		expect(text(one(amendments(xml)[2]!, 'ins'))).toBe(
			'Member States should ratify Convention No. 97 & No. 143 <promptly>.'
		);
	});

	it("gives the three groups' positions and the outcome", () => {
		const list = sampleAmendmentList();
		const docs = amendments(renderAknAmendmentList(list));
		list.rows.forEach((row, i) => {
			const handling = one(one(docs[i]!, 'amendmentContent'), 'table');
			expect(rows(handling)).toEqual({
				...Object.fromEntries(GROUPS.map((g) => [list.labels.groups[g], row.positions[g]])),
				[list.labels.outcome]: row.outcome
			});
			expect(text(one(handling, 'outcome'))).toBe(row.outcome);
		});
	});

	it('heads each amendment with its code, author and target, and keeps its justification', () => {
		const list = sampleAmendmentList();
		const docs = amendments(renderAknAmendmentList(list));
		list.rows.forEach((row, i) => {
			expect(rows(one(one(docs[i]!, 'amendmentHeading'), 'table'))).toEqual({
				[list.labels.code]: row.code,
				[list.labels.author]: row.author,
				[list.labels.target]: row.target
			});
			const justification = all(docs[i]!, 'amendmentJustification');
			expect(justification.map((j) => text(one(j, 'p')))).toEqual(
				row.justification ? [row.justification] : []
			);
		});
	});

	it('points at the paragraph or point of the conclusions it changes, or at the amendment it amends', () => {
		const docs = amendments(renderAknAmendmentList(sampleAmendmentList()));
		const target = (i: number) => one(one(docs[i]!, 'amendmentHeading'), 'affectedDocument');
		expect(target(0).getAttribute('href')).toBe(CONCLUSIONS);
		expect(one(target(0), 'ref').getAttribute('href')).toBe(`${CONCLUSIONS}/~para_2__point_iii`);
		expect(target(1).getAttribute('href')).toBe('/akn/un/amendment/ilo/2013-11-04/ttmlm-2013-D.1');
		expect(one(target(2), 'ref').getAttribute('href')).toBe(`${CONCLUSIONS}/~para_8`);
		expect(one(target(3), 'ref').getAttribute('href')).toBe(`${CONCLUSIONS}/~para_9__point_iii`);
		// Those portions exist in the conclusions, under the same Work IRI.
		const conclusions = parse(renderAknConclusions(sampleConclusions('adopted')));
		expect(one(conclusions, 'FRBRWork').getElementsByTagName('FRBRuri')[0]!.getAttribute('value')).toBe(
			CONCLUSIONS
		);
		for (const eId of ['para_2__point_iii', 'para_8', 'para_9__point_iii'])
			expect(byEid(conclusions, eId).localName).toMatch(/^(paragraph|point)$/);
	});

	it('writes an empty list that still validates and says nothing was tabled', () => {
		const list = { ...sampleAmendmentList(), rows: [] };
		const xml = renderAknAmendmentList(list);
		expectValid(xml);
		const root = parse(xml);
		expect(all(root, 'amendment')).toHaveLength(0);
		expect(text(one(one(root, 'interstitial'), 'p'))).toBe(list.labels.none);
	});
});
