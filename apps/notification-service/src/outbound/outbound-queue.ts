import type { Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { QUEUES } from '@haki/contracts';
import { MONGO, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';
import { createSmsChannel, providerOptions } from '../channels/channel-factory';
import { tracedChannel } from '../channels/traced-channel';
import type { NotificationConfig } from '../config';
import { SmtpChannel } from '../channels/smtp/smtp.channel';
import { EMAIL_CHANNEL, FALLBACK_QUEUE, OUTBOUND_QUEUE, QUEUE_REDIS, SMS_ROUTES } from '../notification.tokens';
import { enqueueSend, sendJobOptions } from './enqueue-send';
import type { OutboundJob } from './outbound-job';
import type { SmsRoute } from './sms-route';

export interface SmsRoutes {
  primary: SmsRoute;
  fallback?: SmsRoute;
}

function queueProvider(token: symbol, name: string, wanted: (config: NotificationConfig) => boolean): Provider {
  return {
    provide: token,
    inject: [QUEUE_REDIS, SERVICE_CONFIG, SERVICE_RUNTIME],
    useFactory: (connection: Redis, config: NotificationConfig, runtime: ServiceRuntime) => {
      if (!wanted(config)) return null;
      const defaultJobOptions = sendJobOptions(config.SMS_ATTEMPTS, config.SMS_RETRY_DELAY_MS);
      const queue = new Queue<OutboundJob>(name, { connection, prefix: config.QUEUE_PREFIX, defaultJobOptions });
      runtime.onStop(() => queue.close());
      runtime.metrics.watchQueue(queue, runtime.logger);
      return queue;
    },
  };
}

/** The primary provider's queue of messages to send, with its retry budget; closed on shutdown before its Redis connection. */
export const outboundQueueProvider = queueProvider(OUTBOUND_QUEUE, QUEUES.outboundNotifications, () => true);
/** The fallback provider's queue, when SMS_FALLBACK_PROVIDER names one (else null). */
export const fallbackQueueProvider = queueProvider(FALLBACK_QUEUE, QUEUES.outboundFallback, (c) => !!c.SMS_FALLBACK_PROVIDER);

/** Each provider's channel, and the primary's hand-over to the fallback's queue. */
export const smsRoutesProvider: Provider = {
  provide: SMS_ROUTES,
  inject: [SERVICE_CONFIG, MONGO, FALLBACK_QUEUE],
  useFactory: (config: NotificationConfig, mongo: Connection, fallbackQueue: Queue<OutboundJob> | null): SmsRoutes => {
    const options = providerOptions(config);
    const primary = tracedChannel(createSmsChannel(config.SMS_PROVIDER, mongo, options), 'sms');
    if (!config.SMS_FALLBACK_PROVIDER || !fallbackQueue) return { primary: { channel: primary } };
    return {
      primary: {
        channel: primary,
        handOver: async (job) => {
          await enqueueSend(fallbackQueue, job.notificationId, job.correlationId, job.kind);
        },
      },
      fallback: { channel: tracedChannel(createSmsChannel(config.SMS_FALLBACK_PROVIDER, mongo, options), 'sms') },
    };
  },
};

/** Email over SMTP when SMTP_HOST is set (else null: nothing goes by email); its connections close on shutdown. */
export const emailChannelProvider: Provider = {
  provide: EMAIL_CHANNEL,
  inject: [SERVICE_CONFIG, SERVICE_RUNTIME],
  useFactory: (config: NotificationConfig, runtime: ServiceRuntime) => {
    if (!config.SMTP_HOST) return null;
    const { SMTP_HOST: host, SMTP_PORT: port, SMTP_SECURE: secure, SMTP_USER: user, SMTP_PASSWORD: password } = config;
    const channel = new SmtpChannel({
      host,
      port,
      secure,
      ...(user ? { user } : {}),
      ...(password ? { password } : {}),
      from: config.EMAIL_FROM,
      timeoutMs: config.SMS_TIMEOUT_MS,
    });
    runtime.onStop(async () => channel.close());
    return tracedChannel(channel, 'email');
  },
};
