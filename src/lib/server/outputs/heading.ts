// What every output says about where it comes from: the meeting, and where the document stands (OUT-2).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { meetings } from '../db/schema.ts';
import { localDay } from '../events.ts';
import { formatDate, formatDateRange } from '#lib/format.ts';
import { t } from '#lib/i18n/index.ts';
import type { OutputMeeting, OutputStamp } from '#lib/domain/outputs/model.ts';

export interface MeetingHeading {
	meeting: OutputMeeting;
	/** The day the conclusions were adopted (YYYY-MM-DD), null while they are not. */
	adoptedOn: string | null;
}

export function meetingHeading(db: DbOrTx, meetingId: string): MeetingHeading | null {
	const m = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!m) return null;
	const dates = formatDateRange(m.startDate, m.endDate);
	return {
		meeting: {
			id: m.id,
			title: m.title,
			venue: m.venue,
			startDate: m.startDate,
			endDate: m.endDate,
			placeAndDates: m.venue ? t('outputs.placeAndDates', { venue: m.venue, dates }) : dates
		},
		adoptedOn: m.conclusionsAdoptedAt ? localDay(m.conclusionsAdoptedAt) : null
	};
}

/** OUT-2: adopted (or final) on the day the conclusions were adopted; until then a draft as of today. */
function stampOf(
	h: MeetingHeading,
	now: Date,
	adopted: 'adopted' | 'final',
	draft: 'draft' | 'asOf'
): OutputStamp {
	const kind = h.adoptedOn ? 'adopted' : 'draft';
	const date = h.adoptedOn ?? localDay(now);
	return {
		kind,
		date,
		label: t(`outputs.stamp.${kind === 'adopted' ? adopted : draft}`, { date: formatDate(date) })
	};
}

/** The conclusions: "Adopted on 8 November 2013", or "Draft, 22 November 2026". */
export const conclusionsStamp = (h: MeetingHeading, now: Date) => stampOf(h, now, 'adopted', 'draft');

/** The list and the record: "As of 22 November 2026", then final once the conclusions are adopted. */
export const proceedingsStamp = (h: MeetingHeading, now: Date) => stampOf(h, now, 'final', 'asOf');
