// The Drafting Room command line: `npm run cli -- <command> …` (or `node scripts/cli.ts …`).
// Commands live in scripts/cli/, one file each; this file only connects them to the process.
import { runCli } from './cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
	out: (text) => process.stdout.write(text),
	err: (text) => process.stderr.write(text),
	outBytes: (bytes) => process.stdout.write(bytes)
});
