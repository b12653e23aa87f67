import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { CaseRepository, CaseSearch } from '../app/ports.js';
import { DomainError, type Actor, type CaseId, type ProcessingRegister, type RegisterConfirmation } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { Feature } from '../platform/feature.js';
import type { Job } from '../platform/job.js';
import { DiscoveryService } from './discovery-service.js';
import type { DiscoveryTable } from './discovery-table.js';
import { deleteClosedExports } from './export-cleanup.js';
import { ExportBuilder, type ExportResult } from './export-package.js';

/** Searching Microsoft 365 for a data subject and building the answer package, with the daily clean-up of old packages. */
export interface Discovery extends Feature, CaseSearch {
  service: DiscoveryService;
  exportPackage(caseId: CaseId, actor: Actor): Promise<ExportResult>;
}

export function createDiscovery(deps: {
  graph: Client;
  table: DiscoveryTable;
  cases: CaseService;
  repository: Pick<CaseRepository, 'listAll'>;
  /** Whose OneDrive holds answer packages (user principal name). */
  exportDrive?: string;
  deleteExportsOnClose: boolean;
  companyDomain: string;
  register: ProcessingRegister;
  /** The DPO's answers to the register's assumptions (the register feature, wired in compose.ts). */
  confirmations?: () => Promise<readonly RegisterConfirmation[]>;
  logger: Logger;
  concurrency?: number;
  batch?: boolean;
  searchRegion?: string;
  teamsExportModel?: 'A' | 'B' | 'evaluation';
  now?: () => Date;
}): Discovery {
  const { graph, table, cases, logger } = deps;
  const service = new DiscoveryService({
    graph,
    table,
    cases,
    logger,
    companyDomain: deps.companyDomain,
    ...(deps.searchRegion ? { searchRegion: deps.searchRegion } : {}),
    ...(deps.teamsExportModel ? { teamsExportModel: deps.teamsExportModel } : {}),
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    ...(deps.batch ? { batch: deps.batch } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const jobs: Job[] = deps.deleteExportsOnClose
    ? [
        {
          // Daily: answer packages of closed cases are deleted from the DPO's OneDrive.
          name: 'export-cleanup',
          everyMs: 24 * 3600_000,
          maxRunMs: 30 * 60_000,
          run: async () => {
            const deleted = await deleteClosedExports({ graph, repository: deps.repository, cases });
            if (deleted.length) logger.info({ deleted: deleted.length }, 'answer packages of closed cases deleted');
          },
        },
      ]
    : [];
  return {
    name: 'discovery',
    jobs,
    service,
    search: (caseId, actor, options) => service.search(caseId, actor, options ?? {}),
    progress: (caseId) => service.progress(caseId),
    hits: (caseId) => service.hits(caseId),
    review: (caseId, hit, decision, actor) => service.review(caseId, hit, decision, actor),
    thirdPartyIdentifiers: (caseId) => service.thirdPartyIdentifiers(caseId),
    redactions: (caseId) => service.redactions(caseId),
    decideRedaction: (caseId, target, decision, actor) => service.decideRedaction(caseId, target, decision, actor),
    onProgress: (listener) => void service.events.on('progress', ({ caseId }) => listener(caseId)),
    exportPackage: async (caseId, actor) => {
      const drive = deps.exportDrive;
      if (!drive)
        throw new DomainError(
          'invalid_input',
          'DSAR_EXPORT_DRIVE is not set: set it to the user principal name of the DPO whose OneDrive holds answer packages',
        ).saying('Svarpakker kan ikke bygges: DSAR_EXPORT_DRIVE er ikke sat (den databeskyttelsesansvarliges OneDrive til svarpakker).');
      return new ExportBuilder({
        graph,
        table,
        cases,
        drive,
        register: deps.register,
        companyDomain: deps.companyDomain,
        ...(deps.confirmations ? { confirmations: deps.confirmations } : {}),
        ...(deps.now ? { now: deps.now } : {}),
      }).build(caseId, actor);
    },
  };
}
