// One output as a file: /meetings/<id>/outputs/conclusions.pdf (?lines=1 for line numbers). Refusals are
// plain-text errors that say what was wrong; each download is recorded (download.ts).
import { getDb } from '#lib/server/db/index.ts';
import { requireAllowed, runCommand } from '#lib/server/guard.ts';
import { downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.view' });
	const file = await runCommand(() =>
		downloadOutput(
			getDb(),
			user,
			event.params.meetingId,
			outputRequest(event.params.what, event.params.format, event.url.searchParams.get('lines') === '1')
		)
	);
	// A copy with its own ArrayBuffer: what the Fetch API's body types accept.
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
