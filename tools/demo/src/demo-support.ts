// What the demo scripts share: signing as the gateway would, the services' local addresses, printing
// steps, and waiting for the asynchronous part of the system to catch up.
import { operatorFetch } from '@haki/platform-access';

/** Signs as the gateway would (scripts export SERVICE_TOKEN_SIGNING_KEY): a supervisor and admin at the services directly. */
export const operator = operatorFetch('demo', ['supervisor', 'admin'], process.env['SERVICE_TOKEN_SIGNING_KEY']);
export const GATEWAY = 'http://127.0.0.1:4000';
export const INTAKE = 'http://127.0.0.1:4001';
export const NOTIFICATION = 'http://127.0.0.1:4003';
export const CASES = 'http://127.0.0.1:4004';

export const say = (line: string) => process.stdout.write(`${line}\n`);

export interface CaseView {
  status: string;
  roles: { role: string; offers: { offerId: string; professionalId?: string; status: string }[] }[];
  timeline: { summary: string }[];
}

export async function getCase(referralId: string): Promise<CaseView | undefined> {
  const response = await operator(`${CASES}/cases/${referralId}`);
  return response.ok ? ((await response.json()) as CaseView) : undefined;
}

/** Polls `probe` until it returns something (the stack is asynchronous: Kafka, queues). */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('timed out: is the stack running (npm start)?');
}

/** Runs a demo's main, exiting 0 when it is done and 1 with the message when it fails. */
export function runDemo(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
