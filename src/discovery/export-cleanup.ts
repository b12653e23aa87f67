import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { CaseRepository } from '../app/ports.js';
import { isOpen, type Actor } from '../domain/index.js';
import { deleteDriveItemByPath } from '../graph/drive.js';
import { isGraphNotFound } from '../graph/errors.js';

/**
 * Answer packages hold copies of a person's data; once the case is closed they have served their purpose
 * (the case record keeps what was sent and when). This deletes the DSAR/<case id>/ folder of closed and
 * dismissed cases and notes it on the case. Safe to repeat: a folder already gone counts as deleted.
 */
export async function deleteClosedExports(deps: {
  graph: Client;
  repository: Pick<CaseRepository, 'listAll'>;
  cases: CaseService;
  now?: () => Date;
}): Promise<string[]> {
  const actor: Actor = { kind: 'system', id: 'export-cleanup' };
  const deleted: string[] = [];
  for (const c of await deps.repository.listAll()) {
    if (isOpen(c.status) || !c.export || c.export.deletedAt) continue;
    try {
      await deleteDriveItemByPath(deps.graph, c.export.drive, c.export.folder);
    } catch (error) {
      if (!isGraphNotFound(error)) throw error;
    }
    await deps.cases.act(
      c.id,
      { type: 'record_export', export: { ...c.export, deletedAt: (deps.now?.() ?? new Date()).toISOString() } },
      actor,
    );
    deleted.push(c.id);
  }
  return deleted;
}
