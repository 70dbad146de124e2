// The record of proceedings as one HTML page: a section per sitting, each entry with its time.
import type { RecordOutput } from '#lib/domain/outputs/model.ts';
import { esc, htmlPage } from './page.ts';

export function recordHtml(doc: RecordOutput): string {
	const sections = doc.sittings.map(
		(s) =>
			`<section><h2>${esc(s.heading)}</h2><ol class="entries">${s.entries
				.map(
					(e) => `<li><time datetime="${esc(e.at)}">${esc(e.time)}</time><span>${esc(e.sentence)}</span></li>`
				)
				.join('\n')}</ol></section>`
	);
	const body = sections.length ? sections.join('\n') : `<p>${esc(doc.labels.empty)}</p>`;
	return htmlPage({
		title: doc.labels.document,
		meeting: doc.meeting,
		stamp: doc.stamp,
		body: `<h1>${esc(doc.labels.document)}</h1>\n${body}`
	});
}
