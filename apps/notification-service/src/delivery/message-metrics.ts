import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';

/**
 * Messages to volunteers by provider, for ops and alerts (a provider failing shows as its `attempt-failed`
 * rate): every send attempt that failed, and how each message ended (`sent`, or `failed` once no
 * attempt or fallback is left). No phone numbers or text: provider, channel and purpose only.
 */
@Injectable()
export class MessageMetrics {
  private readonly messages: Counter<'provider' | 'channel' | 'purpose' | 'status'>;

  constructor(@Inject(SERVICE_RUNTIME) runtime: Pick<ServiceRuntime, 'metrics'>) {
    this.messages = new Counter({
      name: 'haki_messages_total',
      help: 'Messages to volunteers by provider, channel (sms, email), purpose and status (sent, failed, attempt-failed)',
      labelNames: ['provider', 'channel', 'purpose', 'status'],
      registers: [runtime.metrics.registry],
    });
  }

  counted(provider: string, channel: 'sms' | 'email', purpose: string, status: 'sent' | 'failed' | 'attempt-failed'): void {
    this.messages.inc({ provider, channel, purpose, status });
  }
}
