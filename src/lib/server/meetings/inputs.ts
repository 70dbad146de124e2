// What the secretariat's forms may submit. Messages are i18n keys; the page translates them.
import { z } from 'zod';
import { GROUPS, ROLES } from '#lib/domain/roles.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'form.date');

export const meetingInput = z
	.object({
		title: z.string().trim().min(1, 'form.required').max(300, 'form.tooLong'),
		venue: z.string().trim().min(1, 'form.required').max(200, 'form.tooLong'),
		startDate: isoDate,
		endDate: isoDate,
		sittings: z.coerce
			.number('form.number')
			.int('form.number')
			.min(1, 'form.sittings')
			.max(60, 'form.sittings')
	})
	.refine((m) => m.startDate <= m.endDate, { message: 'form.endBeforeStart', path: ['endDate'] });
export type MeetingInput = z.infer<typeof meetingInput>;

const membershipFields = {
	groupId: z.preprocess((v) => (v === '' ? null : v), z.enum(GROUPS, 'form.group').nullable()),
	country: z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? null : v),
		z.string().trim().max(100, 'form.tooLong').nullable()
	),
	roles: z.array(z.enum(ROLES, 'form.role'))
};

export const participantInput = z.object({
	username: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'form.username'),
	displayName: z.string().trim().max(120, 'form.tooLong'),
	...membershipFields
});
export type ParticipantInput = z.infer<typeof participantInput>;

export const membershipInput = z.object(membershipFields);
export type MembershipInput = z.infer<typeof membershipInput>;

/** Field → first i18n key, for showing beside each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		out[field] ??= issue.message;
	}
	return out;
}
