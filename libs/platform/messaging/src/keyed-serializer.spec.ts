import { KeyedSerializer } from './keyed-serializer';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedSerializer', () => {
  it('runs work for one key one at a time in arrival order, and other keys alongside', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([serializer.run('r1', job('a')), serializer.run('r1', job('b')), serializer.run('r2', job('c'))]);
    expect(log.indexOf('a end')).toBeLessThan(log.indexOf('b start'));
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
  });

  it('goes on with the next piece of work after a failure', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('r1', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(serializer.run('r1', async () => 'next')).resolves.toBe('next');
  });
});
