import { Module, type DynamicModule } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { MONGO, PlatformModule, type ServiceRuntime } from '@haki/platform-runtime';
import { CASE_TIMELINE, caseTimelineModel } from './case.model';
import { GetCaseController } from './get-case/get-case.controller';
import { CaseEvents } from './record-event/case-events.controller';
import { RecordCaseEvent } from './record-event/record-event.use-case';

@Module({})
export class CaseModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    return {
      module: CaseModule,
      imports: [PlatformModule.forRuntime(runtime)],
      controllers: [CaseEvents, GetCaseController],
      providers: [
        RecordCaseEvent,
        { provide: CASE_TIMELINE, inject: [MONGO], useFactory: (connection: Connection) => caseTimelineModel(connection) },
      ],
    };
  }
}
