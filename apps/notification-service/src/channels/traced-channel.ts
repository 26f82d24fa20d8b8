import { inSpan, SpanKind } from '@haki/platform-logging';
import type { MessageChannel } from './channel';

/**
 * A channel whose every send is a client span (`sms send via twilio`): the provider call at the end of
 * a referral's trace. The span names the channel, the provider and the outcome, never the recipient
 * or the text.
 */
export function tracedChannel(channel: MessageChannel, kind: 'sms' | 'email'): MessageChannel {
  return {
    provider: channel.provider,
    send: (message) =>
      inSpan(
        `${kind} send via ${channel.provider}`,
        { kind: SpanKind.CLIENT, attributes: { 'haki.channel': kind, 'haki.provider': channel.provider } },
        async (span) => {
          const result = await channel.send(message);
          span.setAttribute('haki.delivery.status', result.status);
          return result;
        },
      ),
  };
}
