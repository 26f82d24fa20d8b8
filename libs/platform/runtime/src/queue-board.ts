import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { describeError, HakiError, httpStatusOf } from '@haki/contracts';
import { hasAnyRole, ServiceTokenVerifier } from '@haki/platform-access';

/**
 * bull-board, for admins, at `/queues/` on a service with job queues (through the gateway:
 * `/api/<service>/queues/`). Read-only: its buttons (retry, clean, pause) would send changes without
 * the gateway's CSRF token, which the gateway refuses; a stuck job is handled by its service's own
 * retry and dead-letter path. Job data here is ids, never a message's text or a phone number.
 * Mounted outside Nest's router, so it checks the gateway's token itself, as AccessGuard does.
 */
export function queueBoard(queues: () => readonly Queue[], apiPath: string, verifier: ServiceTokenVerifier): RequestHandler {
  let router: RequestHandler | undefined;
  // Built on first use: the services create their queues while Nest starts, after this is mounted.
  const board = (): RequestHandler => {
    if (router) return router;
    const adapter = new ExpressAdapter().setBasePath(`${apiPath}/queues`);
    createBullBoard({
      queues: queues().map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: 'Haki queues' } },
    });
    router = adapter.getRouter() as RequestHandler;
    return router;
  };
  return (request: Request, response: Response, next: NextFunction) => {
    void adminOnly(verifier, request).then(
      () => board()(request, response, next),
      (error: unknown) => {
        const coded = describeError(error) ?? { code: 'ACCESS.FORBIDDEN' as const, message: 'not allowed' };
        response.status(httpStatusOf(coded.code)).json({ error: { code: coded.code, message: coded.message } });
      },
    );
  };
}

async function adminOnly(verifier: ServiceTokenVerifier, request: Request): Promise<void> {
  const token = /^Bearer ([\w.-]+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) throw new HakiError('ACCESS.UNAUTHENTICATED', 'no service token; come in through the gateway');
  const principal = await verifier.verify(token);
  if (!hasAnyRole(principal, ['admin'])) throw new HakiError('ACCESS.FORBIDDEN', 'the queue board is for admins');
}
