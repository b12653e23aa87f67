import { EventEmitter } from 'node:events';
import type { IntakeEventMap } from '../app/ports.js';

/** Intake's events (see IntakeEventMap); compose.ts hands them to the bot. */
export class IntakeEvents extends EventEmitter<IntakeEventMap> {}
