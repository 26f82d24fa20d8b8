// Imports nothing of ours: the jest global setup (infrastructure.ts) uses it and resolves no @haki/* paths.
import { createServer } from 'node:net';

/** Ports already given to a service of this test process: never hand one out twice. */
const portsInUse = new Set<number>();

/** A port nobody listens on now and that this process has not handed out before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await kernelFreePort();
    if (!portsInUse.has(port)) {
      portsInUse.add(port);
      return port;
    }
  }
}

function kernelFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
