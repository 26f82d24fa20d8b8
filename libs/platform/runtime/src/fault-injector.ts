import type { Logger } from '@haki/platform-logging';

/**
 * Crash points for the crash-and-restart tests. In production HAKI_FAULT_POINT is empty and
 * `reach()` does nothing. In a test it names one point; the process dies there with SIGKILL, the way a
 * power cut or OOM kill would, with no chance to clean up, so the test proves recovery rather than
 * graceful shutdown.
 */
export class FaultInjector {
  constructor(
    private readonly point: string,
    private readonly logger: Logger,
  ) {}

  reach(name: string): void {
    if (!this.point || this.point !== name) return;
    this.logger.warn({ faultPoint: name }, 'fault point reached: killing process');
    process.kill(process.pid, 'SIGKILL');
  }
}
