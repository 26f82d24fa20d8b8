import type { Model } from 'mongoose';
import { loadConfig } from '@haki/platform-config';
import { createServiceContext, type ServiceContext } from '@haki/platform-runtime';
import { eventually, testServiceEnv } from '@haki/testing';
import { MatchingModule } from '../app.module';
import { matchingConfigSchema } from '../config';
import { PROFESSIONALS } from '../matching.tokens';
import type { ProfessionalDocument } from './professional.model';
import { RosterSnapshot } from './roster-snapshot';

describe('the roster snapshot matching ranks from, on the real database', () => {
  let service: ServiceContext;
  let snapshot: RosterSnapshot;
  let professionals: Model<ProfessionalDocument>;
  const pathologists = async () => (await snapshot.forRole('forensic-pathologist')).professionals.map((doc) => doc._id);

  beforeEach(async () => {
    const config = loadConfig(matchingConfigSchema, testServiceEnv('snapshot', { SEED_DEMO_ROSTER: 'true', ROSTER_REFRESH_MS: '300' }));
    service = await createServiceContext('matching-service', config, MatchingModule);
    snapshot = service.app.get(RosterSnapshot);
    professionals = service.app.get(PROFESSIONALS);
  });

  afterEach(async () => {
    await service.runtime.mongo.dropDatabase();
    await service.close();
  });

  it('answers from the snapshot in hand while the next one is read, and afresh after a change through this instance', async () => {
    expect(await pathologists()).toContain('pro-eld-path-1');
    await professionals.updateOne({ _id: 'pro-eld-path-1' }, { $set: { active: false } });
    await new Promise((resolve) => setTimeout(resolve, 350));
    // Old enough to re-read: this ranking does not wait for it and still sees the last snapshot.
    expect(await pathologists()).toContain('pro-eld-path-1');
    await eventually(async () => expect(await pathologists()).not.toContain('pro-eld-path-1'));

    await professionals.updateOne({ _id: 'pro-eld-path-1' }, { $set: { active: true } });
    snapshot.invalidate();
    expect(await pathologists()).toContain('pro-eld-path-1');
  });
});
