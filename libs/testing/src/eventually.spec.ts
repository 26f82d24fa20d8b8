import { eventually } from './eventually';
import { uniqueName } from './unique-names';

describe('eventually', () => {
  it('returns the first value the probe produces without throwing', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'ready';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('gives up after the timeout and reports the last failure', async () => {
    await expect(
      eventually(
        () => {
          throw new Error('still broken');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/still broken/);
  });
});

describe('uniqueName', () => {
  it('never repeats across many calls', () => {
    const names = new Set(Array.from({ length: 500 }, () => uniqueName('t')));
    expect(names.size).toBe(500);
  });
});
