/** The servers the global setup found; integration tests build their clients from these. */
export function testInfraUrls(): { kafkaBrokers: string[]; mongoUrl: string; redisUrl: string } {
  const { KAFKA_BROKERS, MONGO_URL, REDIS_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGO_URL || !REDIS_URL) {
    throw new Error('testInfraUrls() needs the jest global setup (run integration tests with `npm test`).');
  }
  return { kafkaBrokers: KAFKA_BROKERS.split(','), mongoUrl: MONGO_URL, redisUrl: REDIS_URL };
}
