import { Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { MONGO, SERVICE_CONFIG, modelProvider, outboxProvider, redisProvider } from '@haki/platform-runtime';
import { createSmsChannel } from './channels/channel-factory';
import type { NotificationConfig } from './config';
import { Sealer } from '@haki/platform-config';
import { ContactEvents } from './contacts/contact-events.controller';
import { contactModel } from './contacts/contact.model';
import { DemoContactsSeeder } from './contacts/demo-contacts.seeder';
import {
  CONTACT_SEALER,
  CONTACTS,
  NOTIFICATIONS,
  NOTIFICATIONS_OUTBOX,
  QUEUE_REDIS,
  SMS_CHANNEL,
  WORKER_REDIS,
} from './notification.tokens';
import { outboundQueueProvider } from './outbound/outbound-queue';
import { QueueRedisHealth } from './outbound/queue-redis.health';
import { notificationModel } from './send-offer/notification.model';
import { OfferEvents } from './send-offer/offer-events.controller';
import { QueueFollowUp } from './send-offer/queue-follow-up.use-case';
import { QueueOffer } from './send-offer/queue-offer.use-case';
import { SendOffer } from './send-offer/send-offer.use-case';
import { SendOfferWorker } from './send-offer/send-offer.worker';

/** The notification service: offers, and what became of them, to professionals through a BullMQ queue and a provider adapter. */
@Module({
  controllers: [OfferEvents, ContactEvents],
  providers: [
    QueueOffer,
    QueueFollowUp,
    SendOffer,
    SendOfferWorker,
    DemoContactsSeeder,
    QueueRedisHealth,
    modelProvider(NOTIFICATIONS, notificationModel),
    modelProvider(CONTACTS, contactModel),
    outboxProvider(NOTIFICATIONS_OUTBOX, []),
    redisProvider(QUEUE_REDIS),
    redisProvider(WORKER_REDIS),
    outboundQueueProvider,
    {
      provide: CONTACT_SEALER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: NotificationConfig) => new Sealer(config.CONTACT_KEYS, config.CONTACT_ACTIVE_KEY_ID, 'CONTACT'),
    },
    {
      provide: SMS_CHANNEL,
      inject: [SERVICE_CONFIG, MONGO],
      useFactory: (config: NotificationConfig, mongo: Connection) =>
        createSmsChannel(config.SMS_PROVIDER, { mongo, africasTalking: africasTalkingOptions(config) }),
    },
  ],
})
export class NotificationModule {}

function africasTalkingOptions(config: NotificationConfig) {
  const { AT_USERNAME: username, AT_API_KEY: apiKey, AT_SENDER_ID: senderId, AT_BASE_URL: baseUrl, SMS_TIMEOUT_MS: timeoutMs } = config;
  return username && apiKey ? { username, apiKey, baseUrl, timeoutMs, ...(senderId ? { senderId } : {}) } : undefined;
}
