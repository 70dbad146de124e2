// Where a unit of text stands (docs/domain.md, "Decisions"). Transitions come with the Chair's console.
export const UNIT_STATUSES = [
	'draft',
	'under_discussion',
	'adopted',
	'adopted_as_amended',
	'deferred',
	'bracketed',
	'deleted'
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** A decision has been taken on the unit: the text can no longer be replaced wholesale. */
export function isDecided(status: UnitStatus): boolean {
	return status === 'adopted' || status === 'adopted_as_amended' || status === 'deleted';
}
