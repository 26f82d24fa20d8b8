import type { Connection } from 'mongoose';
import type { NotificationConfig } from '../config';
import { AfricasTalkingChannel, type AfricasTalkingOptions } from './africastalking/africastalking.channel';
import type { MessageChannel } from './channel';
import { RecordingChannel } from './recording/recording.channel';

/** Provider ids accepted by SMS_PROVIDER and SMS_FALLBACK_PROVIDER. Real vendors get a folder and an entry here. */
export const CHANNEL_PROVIDERS = ['recording', 'africastalking'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

/** Each vendor's settings, present when the config names them (the schema requires them for a chosen provider). */
export interface ProviderOptions {
  africasTalking?: AfricasTalkingOptions;
}

export function providerOptions(config: NotificationConfig): ProviderOptions {
  const { AT_USERNAME: username, AT_API_KEY: apiKey, AT_SENDER_ID: senderId, AT_BASE_URL: baseUrl, SMS_TIMEOUT_MS: timeoutMs } = config;
  return {
    ...(username && apiKey ? { africasTalking: { username, apiKey, baseUrl, timeoutMs, ...(senderId ? { senderId } : {}) } } : {}),
  };
}

export function createSmsChannel(provider: ChannelProvider, mongo: Connection, options: ProviderOptions): MessageChannel {
  switch (provider) {
    case 'recording':
      return new RecordingChannel(mongo);
    case 'africastalking':
      return new AfricasTalkingChannel(options.africasTalking!);
  }
}
