import type { ProcessingRegister, Processor } from './types.js';

export type * from './types.js';
export { ITGUY_REGISTER } from './itguy.js';
export * from './assumptions.js';

/** Processors whose systems may hold a requester's data: the ones every per-system task covers. */
export function systemsHoldingRequesterData(register: ProcessingRegister): Processor[] {
  return register.processors.filter((processor) => processor.mayHoldRequesterData);
}

/**
 * Every cross-reference in the register, checked. Returns the broken ones, so a typo in a hand-edited
 * register fails a test instead of producing an Art. 15 letter that names nothing.
 */
export function registerProblems(register: ProcessingRegister): string[] {
  const problems: string[] = [];
  const ids = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id));
  const categories = ids(register.dataCategories);
  const sources = ids(register.sources);
  const processors = ids(register.processors);
  const exceptions = ids(register.retentionExceptions);

  for (const [kind, items] of Object.entries({
    dataCategories: register.dataCategories,
    sources: register.sources,
    purposes: register.purposes,
    processors: register.processors,
    recipientCategories: register.recipientCategories,
  })) {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) problems.push(`${kind}: duplicate id ${item.id}`);
      seen.add(item.id);
    }
  }
  for (const purpose of register.purposes) {
    for (const id of purpose.dataCategories) if (!categories.has(id)) problems.push(`purpose ${purpose.id}: unknown data category ${id}`);
    for (const id of purpose.sources) if (!sources.has(id)) problems.push(`purpose ${purpose.id}: unknown source ${id}`);
    for (const id of purpose.systems) if (!processors.has(id)) problems.push(`purpose ${purpose.id}: unknown processor ${id}`);
    if (purpose.legalBases.length === 0) problems.push(`purpose ${purpose.id}: no legal basis`);
    if (purpose.retention.length === 0) problems.push(`purpose ${purpose.id}: no retention rule`);
  }
  for (const processor of register.processors) {
    const exception = processor.erasure.exception;
    if (exception && !exceptions.has(exception)) problems.push(`processor ${processor.id}: unknown retention exception ${exception}`);
    if (processor.erasure.method === 'retain' && !exception)
      problems.push(`processor ${processor.id}: retains data without naming the exception`);
  }
  for (const category of register.dataCategories) {
    if (!register.purposes.some((purpose) => purpose.dataCategories.includes(category.id))) {
      problems.push(`data category ${category.id} is used by no purpose`);
    }
  }
  return problems;
}
