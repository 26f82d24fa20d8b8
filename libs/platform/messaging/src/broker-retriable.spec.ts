import { HakiError } from '@haki/contracts';
import { isBrokerRetriable } from './kafka';

describe('which broker errors a starting service waits out', () => {
  it('retries what kafkajs or our catalogue call retriable, and kafkajs reading metadata mid-election', () => {
    expect(isBrokerRetriable(Object.assign(new Error('leader not available'), { retriable: true }))).toBe(true);
    expect(isBrokerRetriable(Object.assign(new Error('refused'), { name: 'KafkaJSConnectionError' }))).toBe(true);
    expect(isBrokerRetriable(new HakiError('EVENT.TOPICS_NOT_READY', 'topic leaders not elected yet'))).toBe(true);
    // What kafkajs's admin.listTopics threw in CI while the restarted broker elected leaders:
    expect(isBrokerRetriable(new TypeError("Cannot destructure property 'topicMetadata' of '(intermediate value)' as it is null."))).toBe(
      true,
    );
  });

  it('gives up at once on anything else', () => {
    expect(isBrokerRetriable(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isBrokerRetriable(Object.assign(new Error('bad credentials'), { name: 'KafkaJSSASLAuthenticationError' }))).toBe(false);
  });
});
