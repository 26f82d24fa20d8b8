import { loadConfigOrExit } from '@haki/platform-config';
import { bootstrapService } from '@haki/platform-runtime';
import { MatchingModule } from './app.module';
import { matchingConfigSchema } from './config';

void bootstrapService({
  name: 'matching-service',
  config: loadConfigOrExit(matchingConfigSchema),
  module: (runtime) => MatchingModule.forRuntime(runtime),
  consumesEvents: true,
});
