import { Module } from '@nestjs/common';
import { SERVICE_CONFIG, modelProvider, outboxProvider, redisProvider, renamedServiceTypesProvider } from '@haki/platform-runtime';
import type { NotificationConfig } from './config';
import { Sealer } from '@haki/platform-config';
import { ContactBook } from './contacts/contact-book';
import { ContactEvents } from './contacts/contact-events.controller';
import { contactPhoneModel } from './contacts/contact-phone.model';
import { contactModel } from './contacts/contact.model';
import { DemoContactsSeeder } from './contacts/demo-contacts.seeder';
import {
  CONTACT_PHONES,
  CONTACT_SEALER,
  CONTACTS,
  INBOUND_MESSAGES,
  NOTIFICATIONS,
  NOTIFICATIONS_OUTBOX,
  PROVIDER_MESSAGES,
  QUEUE_REDIS,
  OPEN_CONVERSATIONS,
  REFERRER_MESSAGES,
  REPLY_MESSAGES,
  USED_LINKS,
  WORKER_REDIS,
} from './notification.tokens';
import { emailChannelProvider, fallbackQueueProvider, outboundQueueProvider, smsRoutesProvider } from './outbound/outbound-queue';
import { OutboundWorker } from './outbound/outbound.worker';
import { QueueRedisHealth } from './outbound/queue-redis.health';
import { inboundMessageModel } from './replies/inbound-message.model';
import { QueueReply } from './replies/queue-reply.use-case';
import { ReceiveReply } from './replies/receive-reply.use-case';
import { ReplyEvents } from './replies/reply-events.controller';
import { replyMessageModel } from './replies/reply-message.model';
import { SendReply } from './replies/send-reply.use-case';
import { notificationModel } from './send-offer/notification.model';
import { OfferEvents } from './send-offer/offer-events.controller';
import { QueueFollowUp } from './send-offer/queue-follow-up.use-case';
import { QueueOffer } from './send-offer/queue-offer.use-case';
import { SendOffer } from './send-offer/send-offer.use-case';
import { AfricasTalkingWebhooks } from './webhooks/africastalking-webhooks.controller';
import { AnswerLinkController } from './links/answer-link.controller';
import { AnswerByLink } from './links/answer-by-link.use-case';
import { OfferLinks } from './links/offer-links';
import { usedLinkModel } from './links/used-link.model';
import { TwilioWebhooks } from './webhooks/twilio-webhooks.controller';
import { DeliveryReports } from './delivery/delivery-reports';
import { MessageMetrics } from './delivery/message-metrics';
import { providerMessageModel } from './delivery/provider-message.model';
import { OfferMessageEvents } from './send-offer/offer-message-events';
import { referrerMessageModel } from './referrer-messages/referrer-message.model';
import { openConversationModel, OpenConversations } from './referrer-messages/open-conversations';
import { ReferrerMessageEvents } from './referrer-messages/referrer-message-events.controller';
import { SendReferrerMessage } from './referrer-messages/send-referrer-message.use-case';

/**
 * The notification service: offers, and what became of them, to professionals through BullMQ queues
 * and provider adapters (a fallback provider taking over); their SMS replies, through provider
 * webhooks, to matching; and what matching made of a reply back to them. For phone intake (issue
 * #15) it passes SMS meant for intake on, sealed, and sends intake's messages to phone referrers.
 */
@Module({
  controllers: [
    OfferEvents,
    ContactEvents,
    ReplyEvents,
    ReferrerMessageEvents,
    AfricasTalkingWebhooks,
    TwilioWebhooks,
    AnswerLinkController,
  ],
  providers: [
    renamedServiceTypesProvider({ notifications: ['serviceType'] }),
    QueueOffer,
    QueueFollowUp,
    SendOffer,
    OfferMessageEvents,
    DeliveryReports,
    MessageMetrics,
    ReceiveReply,
    QueueReply,
    OfferLinks,
    AnswerByLink,
    SendReply,
    SendReferrerMessage,
    OpenConversations,
    OutboundWorker,
    ContactBook,
    DemoContactsSeeder,
    QueueRedisHealth,
    modelProvider(NOTIFICATIONS, notificationModel),
    modelProvider(CONTACTS, contactModel),
    modelProvider(CONTACT_PHONES, contactPhoneModel),
    modelProvider(INBOUND_MESSAGES, inboundMessageModel),
    modelProvider(REPLY_MESSAGES, replyMessageModel),
    modelProvider(REFERRER_MESSAGES, referrerMessageModel),
    modelProvider(OPEN_CONVERSATIONS, openConversationModel),
    modelProvider(PROVIDER_MESSAGES, providerMessageModel),
    modelProvider(USED_LINKS, usedLinkModel),
    outboxProvider(NOTIFICATIONS_OUTBOX, []),
    redisProvider(QUEUE_REDIS),
    redisProvider(WORKER_REDIS),
    outboundQueueProvider,
    fallbackQueueProvider,
    smsRoutesProvider,
    emailChannelProvider,
    {
      provide: CONTACT_SEALER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: NotificationConfig) => new Sealer(config.CONTACT_KEYS, config.CONTACT_ACTIVE_KEY_ID, 'CONTACT'),
    },
  ],
})
export class NotificationModule {}
