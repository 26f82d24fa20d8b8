import { Module } from '@nestjs/common';
import { Sealer } from '@haki/platform-config';
import { modelProvider, outboxProvider, renamedServiceTypesProvider, SERVICE_CONFIG } from '@haki/platform-runtime';
import { caseTimelineModel } from './case.model';
import { CaseTimelineStore } from './case-timeline-store';
import { CASE_LIST_LOG, CASE_OUTBOX, CASE_SUMMARIES, CASE_TIMELINE } from './case.tokens';
import { caseListLogModel, caseSummaryModel, CaseSummaries } from './case-list/case-summaries';
import { CaseListMetrics } from './case-list/case-list-metrics';
import type { CaseConfig } from './config';
import { AddCaseNote } from './case-work/add-note';
import { CaseWorkController } from './case-work/case-work.controller';
import { CaseWorkRecorder } from './case-work/case-work-recorder';
import { ChangeCaseStatus } from './case-work/change-status';
import { RecordChecklistItem } from './case-work/record-checklist-item';
import { CaseEvidence } from './evidence/case-evidence';
import { EvidenceController } from './evidence/evidence.controller';
import { evidenceVaultProvider } from './evidence/evidence-vault.provider';
import { GetCaseController } from './get-case/get-case.controller';
import { ListCasesController } from './list-cases/list-cases.controller';
import { CaseEvents } from './record-event/case-events.controller';
import { RecordCaseEvent } from './record-event/record-event.use-case';

/**
 * The case service: every event about a referral on its case timeline; the case's lifecycle, protocol
 * checklist, notes and evidence recorded by the people working it; the case list.
 */
@Module({
  // The list's fixed paths (`/cases`, `/cases/outcomes`) before `/cases/:id`.
  controllers: [CaseEvents, ListCasesController, GetCaseController, CaseWorkController, EvidenceController],
  providers: [
    RecordCaseEvent,
    CaseTimelineStore,
    CaseSummaries,
    CaseListMetrics,
    CaseWorkRecorder,
    ChangeCaseStatus,
    RecordChecklistItem,
    AddCaseNote,
    CaseEvidence,
    evidenceVaultProvider,
    modelProvider(CASE_TIMELINE, caseTimelineModel),
    modelProvider(CASE_SUMMARIES, caseSummaryModel),
    modelProvider(CASE_LIST_LOG, caseListLogModel),
    // Status changes for matching are enqueued events only: no collection of the service's is relayed.
    outboxProvider(CASE_OUTBOX, []),
    renamedServiceTypesProvider({ case_timeline_slots: ['facts.serviceType'] }),
    {
      provide: Sealer,
      inject: [SERVICE_CONFIG],
      useFactory: (config: CaseConfig) => new Sealer(config.CASE_KEYS, config.CASE_ACTIVE_KEY_ID, 'CASE'),
    },
  ],
})
export class CaseModule {}
