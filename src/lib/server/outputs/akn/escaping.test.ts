// OUT-7 at the Akoma Ntoso renderers themselves: whatever text reaches xmlbuilder2, as element text or as
// an attribute, the file is well-formed, valid, and gives the same text back when read.
import { describe, expect, it } from 'vitest';
import { sampleAmendmentList, sampleConclusions } from '#lib/domain/outputs/test-samples.ts';
import { renderAknAmendmentList } from './amendment-list.ts';
import { renderAknConclusions } from './conclusions.ts';
import { all, byEid, one, parse, text, validate } from './test-support.ts';

const TYPED = `R&D; costs &#0; &#x1F; Non&nbsp;breaking &amp; <b>x</b> ]]> "q" 'a'`;

describe('Akoma Ntoso escaping (OUT-7)', () => {
	it('OUT-7: writes text and attribute values that look like references as text, and reads them back', () => {
		const doc = sampleConclusions('draft');
		doc.meeting = { ...doc.meeting, title: `Meeting ${TYPED}` };
		const paragraph = doc.body.find((b) => b.kind === 'paragraph')!;
		paragraph.text = [{ kind: 'text', text: TYPED }];
		const xml = renderAknConclusions(doc);
		const result = validate(xml);
		expect(result.output).toContain('validates');
		const root = parse(xml);
		expect(text(one(byEid(root, 'para_1'), 'p'))).toBe(TYPED);
		// The meeting's name is an attribute too: showAs of its reference.
		const meeting = all(root, 'TLCOrganization').find((e) => e.getAttribute('eId') === 'meeting')!;
		expect(meeting.getAttribute('showAs')).toBe(`Meeting ${TYPED}`);
		expect(text(one(root, 'docProponent'))).toBe(`Meeting ${TYPED}`);
	});

	it('OUT-7: replaces what XML 1.0 cannot hold, even when a renderer is called directly', () => {
		const list = sampleAmendmentList();
		const row = list.rows[0]!;
		row.justification = 'Nul\u0000 esc\u001b \ud800 \uffff tab\there line\nbreak';
		row.change = [{ kind: 'insert', text: 'R&D;\u0001' }];
		const xml = renderAknAmendmentList(list);
		expect(validate(xml).output).toContain('validates');
		const root = parse(xml);
		expect(text(one(one(root, 'amendmentJustification'), 'p'))).toBe(
			'Nul\uFFFD esc\uFFFD \uFFFD \uFFFD tab here line break'
		);
		expect(text(all(root, 'ins')[0]!)).toBe('R&D;\uFFFD');
	});
});
