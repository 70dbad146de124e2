import { describe, expect, it } from 'vitest';
import { inlineText } from '#lib/domain/outputs/conclusions.ts';
import type { ConclusionsOutput, OutputBodyItem } from '#lib/domain/outputs/model.ts';
import { sampleConclusions } from '#lib/domain/outputs/test-samples.ts';
import { renderAknConclusions } from './conclusions.ts';
import { all, byEid, children, one, parse, text, validate } from './test-support.ts';

type Paragraph = Extract<OutputBodyItem, { kind: 'paragraph' }>;
const paragraphs = (doc: ConclusionsOutput): Paragraph[] =>
	doc.body.flatMap((item) => (item.kind === 'paragraph' ? [item] : []));

function expectValid(xml: string): void {
	const result = validate(xml);
	expect(result.output).toContain('validates');
	expect(result.status).toBe(0);
}

describe('renderAknConclusions', () => {
	it('writes adopted conclusions that validate against the AKN 3.0 schema', () => {
		const xml = renderAknConclusions(sampleConclusions('adopted'));
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
		expectValid(xml);
		const root = parse(xml);
		expect(root.localName).toBe('akomaNtoso');
		expect(root.namespaceURI).toBe('http://docs.oasis-open.org/legaldocml/ns/akn/3.0');
		expect(one(root, 'statement').getAttribute('name')).toBe('conclusions');
	});

	it('writes a draft that validates', () => {
		expectValid(renderAknConclusions(sampleConclusions('draft')));
	});

	it('is checked by a validation that can fail', () => {
		const xml = renderAknConclusions(sampleConclusions('adopted'));
		// FRBRcountry is required in FRBRWork; a point's eId repeated breaks the schema's uniqueness rule.
		const noCountry = xml.replace(/<FRBRcountry [^>]*\/>/, '');
		expect(noCountry).not.toBe(xml);
		expect(validate(noCountry).status).not.toBe(0);
		const twice = xml.replace('eId="para_2__point_ii"', 'eId="para_2__point_i"');
		expect(twice).not.toBe(xml);
		expect(validate(twice).status).not.toBe(0);
	});

	it('indents the structure but never the text', () => {
		const xml = renderAknConclusions(sampleConclusions('adopted'));
		expect(xml).toContain('\n  <statement name="conclusions">\n    <meta>\n');
		const ps = all(parse(xml), 'p');
		expect(ps.length).toBeGreaterThan(40);
		for (const p of ps) expect(text(p)).not.toMatch(/^\s|\s$|\n/);
	});

	it('identifies the work, expression and manifestation by FRBR IRIs', () => {
		const root = parse(renderAknConclusions(sampleConclusions('adopted')));
		const identification = one(root, 'identification');
		expect(identification.getAttribute('source')).toBe('#ilo');
		const work = '/akn/un/statement/conclusions/ilo/2013-11-04/ttmlm-2013';
		const value = (level: string, name: string) =>
			one(one(identification, level), name).getAttribute('value');
		expect(value('FRBRWork', 'FRBRthis')).toBe(`${work}/!main`);
		expect(value('FRBRWork', 'FRBRuri')).toBe(work);
		expect(value('FRBRWork', 'FRBRcountry')).toBe('un');
		expect(value('FRBRExpression', 'FRBRuri')).toBe(`${work}/eng@2013-11-08`);
		expect(value('FRBRManifestation', 'FRBRthis')).toBe(`${work}/eng@2013-11-08/!main.xml`);
		expect(one(one(identification, 'FRBRExpression'), 'FRBRlanguage').getAttribute('language')).toBe('eng');
		// Every '#…' the metadata points at is in <references>.
		const refs = new Set(
			Array.from(one(root, 'references').childNodes)
				.filter((n) => n.nodeType === 1)
				.map((n) => `#${(n as unknown as Element).getAttribute('eId')}`)
		);
		for (const el of Array.from(one(root, 'meta').getElementsByTagName('*')))
			for (const attr of ['href', 'by', 'as', 'refersTo', 'outcome', 'source']) {
				const v = el.getAttribute(attr);
				if (v?.startsWith('#')) expect(refs, `${el.localName}@${attr}`).toContain(v);
			}
	});

	it('records the adoption as a workflow step on the adoption date', () => {
		const root = parse(renderAknConclusions(sampleConclusions('adopted')));
		const step = one(one(root, 'workflow'), 'step');
		expect(step.getAttribute('date')).toBe('2013-11-08');
		expect(step.getAttribute('by')).toBe('#meeting');
		expect(step.getAttribute('outcome')).toBe('#adopted');
		const workDates = all(one(root, 'FRBRWork'), 'FRBRdate').map((d) => d.getAttribute('name'));
		expect(workDates).toContain('adoption');
		expect(text(one(root, 'docStatus'))).toBe('Adopted on 8 November 2013');
		expect(one(root, 'docDate').getAttribute('date')).toBe('2013-11-08');
	});

	it('marks a draft as a draft, not adopted', () => {
		const root = parse(renderAknConclusions(sampleConclusions('draft')));
		const step = one(one(root, 'workflow'), 'step');
		expect(step.getAttribute('date')).toBe('2026-11-22');
		expect(step.getAttribute('outcome')).toBe('#draft');
		const workDates = all(one(root, 'FRBRWork'), 'FRBRdate').map((d) => d.getAttribute('name'));
		expect(workDates).not.toContain('adoption');
		expect(text(one(root, 'docStatus'))).toBe('Draft, 22 November 2026');
		expect(one(one(root, 'FRBRExpression'), 'FRBRdate').getAttribute('name')).toBe('draft');
	});

	it('puts the title footnote in the title as an authorialNote with its text', () => {
		const doc = sampleConclusions('adopted');
		const footnote = doc.footnotes.find((f) => f.label === '1')!;
		expect(inlineText(footnote.text)).toContain('Governing Body');
		const title = one(parse(renderAknConclusions(doc)), 'docTitle');
		const note = one(title, 'authorialNote');
		expect(note.getAttribute('marker')).toBe('1');
		expect(note.getAttribute('placement')).toBe('bottom');
		expect(note.getAttribute('eId')).toBe('note_1');
		expect(text(one(note, 'p'))).toBe(inlineText(footnote.text));
		// The title's own words come untouched before the note (no indentation inside text).
		expect(title.firstChild?.nodeValue).toBe('Conclusions');
	});

	it('writes the preamble: the meeting, its recitals, and the adopting formula', () => {
		const doc = sampleConclusions('adopted');
		const preamble = one(parse(renderAknConclusions(doc)), 'preamble');
		const clauses = doc.preamble.map(inlineText);
		expect(text(children(preamble, 'p')[0]!)).toBe(clauses[0]);
		expect(all(preamble, 'recital').map((r) => text(one(r, 'p')))).toEqual(clauses.slice(1, -1));
		expect(text(one(one(preamble, 'formula'), 'p'))).toBe(clauses.at(-1));
	});

	it('numbers every paragraph of the fixture, 1 to 9, with num', () => {
		const doc = sampleConclusions('adopted');
		const root = parse(renderAknConclusions(doc));
		const paras = all(root, 'paragraph');
		expect(paras.map((p) => text(children(p, 'num')[0]!))).toEqual(
			['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `${n}.`)
		);
		expect(paras.map((p) => p.getAttribute('eId'))).toEqual(paragraphs(doc).map((p) => `para_${p.number}`));
		expect(paras.map((p) => p.getAttribute('GUID'))).toEqual(paragraphs(doc).map((p) => p.id));
	});

	it('writes subparagraphs as points, as many as the model has, under an intro', () => {
		const doc = sampleConclusions('adopted');
		const root = parse(renderAknConclusions(doc));
		const withPoints = paragraphs(doc).filter((p) => p.subparagraphs.length > 0);
		expect(withPoints.length).toBeGreaterThan(3);
		for (const p of paragraphs(doc)) {
			const para = byEid(root, `para_${p.number}`);
			const points = children(para, 'point');
			expect(points.length, `paragraph ${p.number}`).toBe(p.subparagraphs.length);
			expect(points.map((pt) => text(children(pt, 'num')[0]!))).toEqual(p.subparagraphs.map((s) => s.label));
			expect(points.map((pt) => text(one(one(pt, 'content'), 'p')))).toEqual(
				p.subparagraphs.map((s) => inlineText(s.text))
			);
			if (p.subparagraphs.length > 0) {
				expect(text(one(children(para, 'intro')[0]!, 'p'))).toBe(inlineText(p.text));
				expect(children(para, 'content')).toHaveLength(0);
			} else expect(text(one(children(para, 'content')[0]!, 'p'))).toBe(inlineText(p.text));
		}
		expect(byEid(root, 'para_5__point_iii').localName).toBe('point');
	});

	it('makes a section of each heading holding the paragraphs that follow it', () => {
		const doc = sampleConclusions('adopted');
		const sections = all(parse(renderAknConclusions(doc)), 'section');
		const expected: { heading: string; numbers: string[] }[] = [];
		for (const item of doc.body)
			if (item.kind === 'heading') expected.push({ heading: inlineText(item.text), numbers: [] });
			else expected.at(-1)!.numbers.push(`${item.number}.`);
		expect(
			sections.map((s) => ({
				heading: text(children(s, 'heading')[0]!),
				numbers: children(s, 'paragraph').map((p) => text(children(p, 'num')[0]!))
			}))
		).toEqual(expected);
	});

	it('places a footnote at its first reference, refers back to it after, and keeps unreferenced ones', () => {
		const doc = sampleConclusions('adopted');
		const p4 = paragraphs(doc).find((p) => p.number === '4')!;
		p4.text = [...p4.text, { kind: 'footnote', label: '1' }, { kind: 'footnote', label: '9' }];
		doc.footnotes.push({ label: '2', text: [{ kind: 'text', text: 'Never referred to.' }] });
		const xml = renderAknConclusions(doc);
		expectValid(xml);
		const root = parse(xml);
		expect(all(root, 'authorialNote')).toHaveLength(1);
		const ref = one(byEid(root, 'para_4'), 'noteRef');
		expect(ref.getAttribute('href')).toBe('#note_1');
		expect(ref.getAttribute('marker')).toBe('1');
		// A reference to a footnote the text lacks keeps its marker; one never referred to is kept in meta.
		expect(text(one(byEid(root, 'para_4'), 'sup'))).toBe('9');
		const kept = one(one(root, 'notes'), 'note');
		expect(kept.getAttribute('marker')).toBe('2');
		expect(text(one(kept, 'p'))).toBe('Never referred to.');
	});

	it('handles paragraphs before any heading, a missing title and an empty body', () => {
		const doc = sampleConclusions('draft');
		doc.body = doc.body.filter((item, i) => !(i === 0 && item.kind === 'heading'));
		doc.title = null;
		const xml = renderAknConclusions(doc);
		expectValid(xml);
		const root = parse(xml);
		expect(children(one(root, 'mainBody'), 'paragraph').map((p) => p.getAttribute('eId'))).toEqual([
			'para_1',
			'para_2'
		]);
		expect(text(one(root, 'docTitle'))).toBe('Conclusions');
		expectValid(renderAknConclusions({ ...doc, body: [], preamble: [] }));
	});
});
