import { bootstrapService } from '@haki/platform-runtime';
import { MatchingModule } from './app.module';
import { matchingConfigSchema } from './config';

void bootstrapService({ name: 'matching-service', configSchema: matchingConfigSchema, module: MatchingModule, consumesEvents: true });
