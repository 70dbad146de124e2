// A server child (server-child.ts) seen from run.ts: forked, asked over IPC, stopped.
import { fork, type ChildProcess } from 'node:child_process';
import type { FromChild, ServerKind, ToChild } from './ipc.ts';

const CHILD = new URL('./server-child.ts', import.meta.url);

export class ServerChild {
	readonly #child: ChildProcess;
	readonly #exited: Promise<number | null>;
	#waiters: { type: FromChild['type']; resolve(m: FromChild): void; reject(e: Error): void }[] = [];

	constructor(kind: ServerKind) {
		this.#child = fork(CHILD, [], {
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.#exited = new Promise((resolve) => {
			this.#child.once('exit', (code) => {
				for (const w of this.#waiters.splice(0)) w.reject(new Error(`${kind} server exited (code ${code})`));
				resolve(code);
			});
		});
		this.#child.on('message', (message: FromChild) => {
			if (message.type === 'failed') {
				for (const w of this.#waiters.splice(0))
					w.reject(new Error(`${kind} server failed: ${message.message}`));
				return;
			}
			const i = this.#waiters.findIndex((w) => w.type === message.type);
			if (i >= 0) this.#waiters.splice(i, 1)[0]!.resolve(message);
		});
	}

	get pid(): number | undefined {
		return this.#child.pid;
	}

	request<T extends FromChild['type']>(
		message: ToChild,
		answer: T,
		timeoutMs = 30_000
	): Promise<Extract<FromChild, { type: T }>> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiters = this.#waiters.filter((w) => w !== waiter);
				reject(new Error(`server did not answer '${message.type}' within ${timeoutMs} ms`));
			}, timeoutMs);
			const waiter = {
				type: answer,
				resolve: (m: FromChild) => {
					clearTimeout(timer);
					resolve(m as Extract<FromChild, { type: T }>);
				},
				reject: (e: Error) => {
					clearTimeout(timer);
					reject(e);
				}
			};
			this.#waiters.push(waiter);
			this.#child.send(message);
		});
	}

	/** Asks the child to stop; kills it (this child, by its handle) if it has not exited within 10 s. */
	async stop(): Promise<void> {
		if (this.#child.exitCode === null && this.#child.connected)
			this.#child.send({ type: 'stop' } satisfies ToChild);
		const timer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000);
		await this.#exited;
		clearTimeout(timer);
	}
}
