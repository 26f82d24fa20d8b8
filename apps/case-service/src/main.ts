import { loadConfigOrExit, serviceConfigSchema } from '@haki/platform-config';
import { bootstrapService } from '@haki/platform-runtime';
import { CaseModule } from './app.module';

void bootstrapService({
  name: 'case-service',
  config: loadConfigOrExit(serviceConfigSchema),
  module: (runtime) => CaseModule.forRuntime(runtime),
  consumesEvents: true,
});
