import type { Connection } from 'mongoose';
import type { MessageChannel } from './channel';
import { RecordingChannel } from './recording/recording.channel';

/** Provider ids accepted by SMS_PROVIDER. Real vendors get a folder and an entry here. */
export const CHANNEL_PROVIDERS = ['recording'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

export function createSmsChannel(provider: ChannelProvider, deps: { mongo: Connection }): MessageChannel {
  switch (provider) {
    case 'recording':
      return new RecordingChannel(deps.mongo);
  }
}
