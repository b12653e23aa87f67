/** The pure core: no I/O, no clocks, no configuration. Adapters depend on it, never the reverse. */
export * from './calendar.js';
export * from './case.js';
export * from './case-clock.js';
export * from './case-commands.js';
export * from './case-id.js';
export * from './deadlines.js';
export * from './errors.js';
export * from './events.js';
export * from './holidays.js';
export * from './legal-bases.js';
export * from './lifecycle.js';
export * from './open-case.js';
export * from './register/index.js';
export * from './rights.js';
export * from './tasks.js';
export * from './text.js';
export * from './validation.js';
