// Which units this person may type in now: the same policy the server enforces (POL-5, POL-6), asked
// here only to decide what to offer. Paragraphs and subparagraphs are edited on screen; the title,
// preamble, headings and footnotes change through the secretariat's tools.
import { can } from '#lib/domain/policy.ts';
import type { Membership } from '#lib/domain/roles.ts';
import type { UnitStatus } from '#lib/domain/status.ts';
import type { DraftText } from '#lib/domain/text.ts';

export function editableUnits(
	text: DraftText,
	statuses: Readonly<Record<string, UnitStatus>>,
	membership: Membership | null
): Set<string> {
	// text.edit looks only at the membership and the status; the rest of the actor does not matter here.
	const actor = { userId: '', isOffice: false, membership };
	const may = (id: string) => can(actor, { type: 'text.edit', status: statuses[id] ?? 'draft' }).allowed;
	const ids = new Set<string>();
	for (const item of text.body) {
		if (item.kind !== 'paragraph' || !may(item.id)) continue;
		ids.add(item.id);
		// An adopted paragraph locks its subparagraphs too, whatever their own status says.
		for (const sub of item.subparagraphs) if (may(sub.id)) ids.add(sub.id);
	}
	return ids;
}
