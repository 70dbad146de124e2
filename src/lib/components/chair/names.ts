// How the console and the screen name a unit the Chair decides on: "paragraph 5(iii)", "preambular
// paragraph 2" (the record's own wording for a clause, REC-2).
import type { DecidableUnit } from '#lib/collab/live-decisions.ts';
import { t } from '#lib/i18n/index.ts';

export function decidableName(u: Pick<DecidableUnit, 'kind' | 'reference'>): string {
	return u.kind === 'preamble'
		? t('decisions.unit.preamble', { ref: u.reference })
		: t('decisions.unit.paragraph', { ref: u.reference });
}
