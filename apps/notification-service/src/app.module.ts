import { Module, type DynamicModule } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Connection, Model } from 'mongoose';
import { QUEUES } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import { LOGGER, MONGO, PlatformModule, createRedis, type ServiceRuntime } from '@haki/platform-runtime';
import { createSmsChannel } from './channels/channel-factory';
import type { NotificationConfig } from './config';
import { DEMO_CONTACTS, contactModel } from './contacts/contact.model';
import { CONTACTS, NOTIFICATIONS, NOTIFICATIONS_OUTBOX, OUTBOUND_QUEUE, SMS_CHANNEL } from './notification.tokens';
import { notificationModel, type NotificationDocument } from './send-offer/notification.model';
import { OfferEvents } from './send-offer/offer-events.controller';
import { QueueOffer } from './send-offer/queue-offer.use-case';
import { SendOffer } from './send-offer/send-offer.use-case';
import { SendOfferWorker } from './send-offer/send-offer.worker';

@Module({})
export class NotificationModule {
  static forRuntime(runtime: ServiceRuntime, config: NotificationConfig): DynamicModule {
    return {
      module: NotificationModule,
      imports: [PlatformModule.forRuntime(runtime)],
      controllers: [OfferEvents],
      providers: [
        QueueOffer,
        SendOffer,
        SendOfferWorker,
        { provide: NOTIFICATIONS, inject: [MONGO], useFactory: (connection: Connection) => notificationModel(connection) },
        {
          provide: CONTACTS,
          inject: [MONGO, LOGGER],
          useFactory: async (connection: Connection, logger: Logger) => {
            const contacts = contactModel(connection);
            if (config.SEED_DEMO_CONTACTS && (await contacts.countDocuments()) === 0) {
              await contacts.insertMany(DEMO_CONTACTS);
              logger.info({ count: DEMO_CONTACTS.length }, 'demo contacts seeded');
            }
            return contacts;
          },
        },
        { provide: SMS_CHANNEL, inject: [MONGO], useFactory: (mongo: Connection) => createSmsChannel(config.SMS_PROVIDER, { mongo }) },
        {
          provide: NOTIFICATIONS_OUTBOX,
          inject: [NOTIFICATIONS],
          useFactory: (notifications: Model<NotificationDocument>) => runtime.createOutboxRelay([notifications]),
        },
        {
          provide: OUTBOUND_QUEUE,
          useFactory: () => {
            const connection = createRedis(config.REDIS_URL);
            const queue = new Queue(QUEUES.outboundNotifications, { connection, prefix: config.QUEUE_PREFIX });
            runtime.healthChecks.push({ name: 'redis', check: async () => void (await connection.ping()) });
            runtime.onStop(async () => {
              await queue.close();
              await connection.quit();
            });
            return queue;
          },
        },
      ],
    };
  }
}
