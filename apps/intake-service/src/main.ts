import { bootstrapService } from '@haki/platform-runtime';
import { IntakeModule } from './app.module';
import { intakeConfigSchema } from './config';

void bootstrapService({ name: 'intake-service', configSchema: intakeConfigSchema, module: IntakeModule, consumesEvents: true });
