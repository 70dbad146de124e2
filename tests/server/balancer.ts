// A load balancer for the node-loss tests: TCP, round robin over the nodes it is given, no sticky
// sessions; a connection to a node that refuses it is tried on the next. It forwards bytes only, so the
// websocket's handshake (Host, Origin, cookie) reaches the node as the client sent it.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Balancer {
	port: number;
	/** The nodes' ports; change it at will (a node killed, a node started). */
	nodes: number[];
	close(): Promise<void>;
}

export async function startBalancer(nodes: number[]): Promise<Balancer> {
	const balancer: Balancer = { port: 0, nodes, close: async () => {} };
	const sockets = new Set<net.Socket>();
	let next = 0;
	const server = net.createServer((client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		client.pause();
		const attempt = (tries: number) => {
			if (tries >= balancer.nodes.length || client.destroyed) return client.destroy();
			const port = balancer.nodes[next++ % balancer.nodes.length]!;
			const upstream = net.connect(port, '127.0.0.1');
			upstream.once('error', () => {
				upstream.destroy();
				if (!connected) attempt(tries + 1);
				else client.destroy();
			});
			let connected = false;
			upstream.once('connect', () => {
				connected = true;
				sockets.add(upstream);
				upstream.on('close', () => {
					sockets.delete(upstream);
					client.destroy();
				});
				client.on('close', () => upstream.destroy());
				client.pipe(upstream);
				upstream.pipe(client);
				client.resume();
			});
		};
		attempt(0);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	balancer.port = (server.address() as AddressInfo).port;
	balancer.close = async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise((resolve) => server.close(resolve));
	};
	return balancer;
}
