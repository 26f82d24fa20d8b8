import type { Connection } from 'mongoose';
import { AfricasTalkingChannel, type AfricasTalkingOptions } from './africastalking/africastalking.channel';
import type { MessageChannel } from './channel';
import { RecordingChannel } from './recording/recording.channel';

/** Provider ids accepted by SMS_PROVIDER. Real vendors get a folder and an entry here. */
export const CHANNEL_PROVIDERS = ['recording', 'africastalking'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

export function createSmsChannel(
  provider: ChannelProvider,
  deps: { mongo: Connection; africasTalking: AfricasTalkingOptions | undefined },
): MessageChannel {
  switch (provider) {
    case 'recording':
      return new RecordingChannel(deps.mongo);
    case 'africastalking':
      // The config schema requires its settings when it is chosen.
      return new AfricasTalkingChannel(deps.africasTalking!);
  }
}
