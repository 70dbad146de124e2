// The conclusions as one HTML page: numbered paragraphs with hanging labels, footnotes linked and listed
// at the end (a web page has no foot of the page), the stamp at the top.
import type { ConclusionsOutput, Inline } from '#lib/domain/outputs/model.ts';
import { esc, htmlPage } from './page.ts';

function inlineHtml(inline: Inline): string {
	return inline
		.map((s) =>
			s.kind === 'text'
				? esc(s.text)
				: `<sup class="fnref"><a href="#fn-${esc(s.label)}" id="fnref-${esc(s.label)}">${esc(s.label)}</a></sup>`
		)
		.join('');
}

export function conclusionsHtml(doc: ConclusionsOutput): string {
	const parts: string[] = [];
	if (doc.title) parts.push(`<h1>${inlineHtml(doc.title)}</h1>`);
	if (doc.preamble.length)
		parts.push(
			`<section class="preamble">${doc.preamble.map((c) => `<p>${inlineHtml(c)}</p>`).join('\n')}</section>`
		);
	for (const item of doc.body) {
		if (item.kind === 'heading') {
			parts.push(`<h2 id="u-${esc(item.id)}">${inlineHtml(item.text)}</h2>`);
			continue;
		}
		parts.push(
			`<div class="numbered" id="para-${esc(item.number)}"><span class="num">${esc(item.number)}.</span><p>${inlineHtml(item.text)}</p></div>`
		);
		for (const s of item.subparagraphs)
			parts.push(
				`<div class="sub" id="para-${esc(s.reference)}"><span class="num">${esc(s.label)}</span><p>${inlineHtml(s.text)}</p></div>`
			);
	}
	if (doc.footnotes.length)
		parts.push(
			`<section class="footnotes" aria-label="${esc(doc.labels.footnotes)}"><ol>${doc.footnotes
				.map(
					(f) =>
						`<li id="fn-${esc(f.label)}"${/^\d+$/.test(f.label) ? ` value="${f.label}"` : ''}>${inlineHtml(f.text)} <a href="#fnref-${esc(f.label)}" aria-label="↩">↩</a></li>`
				)
				.join('\n')}</ol></section>`
		);
	return htmlPage({
		title: doc.labels.document,
		meeting: doc.meeting,
		stamp: doc.stamp,
		body: parts.join('\n')
	});
}
