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

/** OUT-2: the conclusions are adopted on their day, or a draft as of today. */
export function conclusionsStamp(h: MeetingHeading, now: Date): OutputStamp {
	if (h.adoptedOn)
		return {
			kind: 'adopted',
			date: h.adoptedOn,
			label: t('outputs.stamp.adopted', { date: formatDate(h.adoptedOn) })
		};
	const today = localDay(now);
	return { kind: 'draft', date: today, label: t('outputs.stamp.draft', { date: formatDate(today) }) };
}

/** OUT-2: the list and the record are as of today until the conclusions are adopted, then final. */
export function proceedingsStamp(h: MeetingHeading, now: Date): OutputStamp {
	if (h.adoptedOn)
		return {
			kind: 'adopted',
			date: h.adoptedOn,
			label: t('outputs.stamp.final', { date: formatDate(h.adoptedOn) })
		};
	const today = localDay(now);
	return { kind: 'draft', date: today, label: t('outputs.stamp.asOf', { date: formatDate(today) }) };
}
