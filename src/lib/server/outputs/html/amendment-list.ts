// The list of amendments as one HTML page: a table in text order, each change shown inline with <del> and
// <ins> (named for screen readers, as on the meeting page).
import type { AmendmentListOutput, OutputDiffPiece } from '#lib/domain/outputs/model.ts';
import { GROUPS } from '#lib/domain/roles.ts';
import { esc, htmlPage } from './page.ts';

function changeHtml(pieces: OutputDiffPiece[], labels: AmendmentListOutput['labels']): string {
	return pieces
		.map((p) =>
			p.kind === 'same'
				? esc(p.text)
				: p.kind === 'delete'
					? `<del><span class="visually-hidden">${esc(labels.deleted)}</span>${esc(p.text)}</del>`
					: `<ins><span class="visually-hidden">${esc(labels.inserted)}</span>${esc(p.text)}</ins>`
		)
		.join('');
}

export function amendmentListHtml(doc: AmendmentListOutput): string {
	const l = doc.labels;
	const head = `<tr><th scope="col">${esc(l.code)}</th><th scope="col">${esc(l.author)}</th><th scope="col">${esc(l.target)}</th><th scope="col">${esc(l.change)}</th>${GROUPS.map((g) => `<th scope="col">${esc(l.groups[g])}</th>`).join('')}<th scope="col">${esc(l.outcome)}</th></tr>`;
	const rows = doc.rows.map(
		(r) =>
			`<tr id="${esc(r.code)}" data-status="${esc(r.status)}"><th scope="row">${esc(r.code)}</th><td>${esc(r.author)}</td><td>${esc(r.target)}</td><td>${changeHtml(r.change, l)}${r.justification ? `<p class="justification"><em>${esc(l.justification)}</em> ${esc(r.justification)}</p>` : ''}</td>${GROUPS.map((g) => `<td>${esc(r.positions[g])}</td>`).join('')}<td>${esc(r.outcome)}</td></tr>`
	);
	const body = doc.rows.length
		? `<table><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
		: `<p>${esc(l.none)}</p>`;
	return htmlPage({
		title: l.document,
		meeting: doc.meeting,
		stamp: doc.stamp,
		wide: true,
		body: `<h1>${esc(l.document)}</h1>\n${body}`
	});
}
