import { loadConfigOrExit } from '@haki/platform-config';
import { bootstrapService } from '@haki/platform-runtime';
import { IntakeModule } from './app.module';
import { intakeConfigSchema } from './config';

void bootstrapService({
  name: 'intake-service',
  config: loadConfigOrExit(intakeConfigSchema),
  module: (runtime) => IntakeModule.forRuntime(runtime),
  consumesEvents: false,
});
