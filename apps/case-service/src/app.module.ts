import { Module } from '@nestjs/common';
import { modelProvider, renamedServiceTypesProvider } from '@haki/platform-runtime';
import { caseTimelineModel } from './case.model';
import { CaseTimelineStore } from './case-timeline-store';
import { CASE_TIMELINE } from './case.tokens';
import { GetCaseController } from './get-case/get-case.controller';
import { CaseEvents } from './record-event/case-events.controller';
import { RecordCaseEvent } from './record-event/record-event.use-case';

/** The case service: every event about a referral on its case timeline, and `GET /cases/:id`. */
@Module({
  controllers: [CaseEvents, GetCaseController],
  providers: [
    RecordCaseEvent,
    CaseTimelineStore,
    modelProvider(CASE_TIMELINE, caseTimelineModel),
    renamedServiceTypesProvider({ case_timeline_slots: ['facts.serviceType'] }),
  ],
})
export class CaseModule {}
