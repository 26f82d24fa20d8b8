// Integration and e2e tests wait for real servers (consumer group joins take seconds); jest's
// `testTimeout` is a global option, not a per-project one, so the slow projects set it here.
jest.setTimeout(120_000);
