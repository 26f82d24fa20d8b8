import { bootstrapService } from '@haki/platform-runtime';
import { CaseModule } from './app.module';
import { caseConfigSchema } from './config';

void bootstrapService({ name: 'case-service', configSchema: caseConfigSchema, module: CaseModule, consumesEvents: true });
