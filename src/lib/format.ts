// Dates as the Office writes them: "4–8 November 2013". Dates are calendar days, never shifted by zone.
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

function parts(iso: string) {
	const d = new Date(`${iso}T00:00:00Z`);
	return { day: d.getUTCDate(), month: MONTH.format(d), year: d.getUTCFullYear() };
}

export function formatDate(iso: string): string {
	const p = parts(iso);
	return `${p.day} ${p.month} ${p.year}`;
}

export function formatDateRange(startIso: string, endIso: string): string {
	const a = parts(startIso);
	const b = parts(endIso);
	if (startIso === endIso) return formatDate(startIso);
	if (a.year !== b.year) return `${formatDate(startIso)} – ${formatDate(endIso)}`;
	if (a.month !== b.month) return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
	return `${a.day}–${b.day} ${b.month} ${b.year}`;
}
