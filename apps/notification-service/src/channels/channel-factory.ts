import type { Connection } from 'mongoose';
import type { NotificationConfig } from '../config';
import { AfricasTalkingChannel, type AfricasTalkingOptions } from './africastalking/africastalking.channel';
import type { MessageChannel } from './channel';
import { RecordingChannel } from './recording/recording.channel';
import { TwilioChannel, type TwilioOptions } from './twilio/twilio.channel';

/** Provider ids accepted by SMS_PROVIDER and SMS_FALLBACK_PROVIDER. Real vendors get a folder and an entry here. */
export const CHANNEL_PROVIDERS = ['recording', 'africastalking', 'twilio'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

/** Each vendor's settings, present when the config names them (the schema requires them for a chosen provider). */
export interface ProviderOptions {
  africasTalking?: AfricasTalkingOptions;
  twilio?: TwilioOptions;
}

export function providerOptions(config: NotificationConfig): ProviderOptions {
  const { AT_USERNAME: username, AT_API_KEY: apiKey, AT_SENDER_ID: senderId, AT_BASE_URL: baseUrl, SMS_TIMEOUT_MS: timeoutMs } = config;
  return {
    ...(username && apiKey ? { africasTalking: { username, apiKey, baseUrl, timeoutMs, ...(senderId ? { senderId } : {}) } } : {}),
    ...twilioOptions(config),
  };
}

function twilioOptions(config: NotificationConfig): Pick<ProviderOptions, 'twilio'> {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_MESSAGING_SERVICE_SID: service, TWILIO_FROM: from } = config;
  if (!accountSid || !authToken) return {};
  return {
    twilio: {
      accountSid,
      authToken,
      ...(service ? { messagingServiceSid: service } : {}),
      ...(from ? { from } : {}),
      ...(config.PUBLIC_BASE_URL ? { statusCallbackUrl: `${config.PUBLIC_BASE_URL}/webhooks/twilio/status` } : {}),
      validitySeconds: config.TWILIO_VALIDITY_SECONDS,
      baseUrl: config.TWILIO_BASE_URL,
      timeoutMs: config.SMS_TIMEOUT_MS,
    },
  };
}

export function createSmsChannel(provider: ChannelProvider, mongo: Connection, options: ProviderOptions): MessageChannel {
  switch (provider) {
    case 'recording':
      return new RecordingChannel(mongo);
    case 'africastalking':
      return new AfricasTalkingChannel(options.africasTalking!);
    case 'twilio':
      return new TwilioChannel(options.twilio!);
  }
}
