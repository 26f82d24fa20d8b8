import { serviceConfigSchema } from '@haki/platform-config';
import { bootstrapService } from '@haki/platform-runtime';
import { CaseModule } from './app.module';

void bootstrapService({ name: 'case-service', configSchema: serviceConfigSchema, module: CaseModule, consumesEvents: true });
