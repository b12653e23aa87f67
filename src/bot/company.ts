import type { CompanyConfig } from '../config/config.js';

/** Who the bot works for: named when it refuses or greets someone, and in example addresses (config.company). */
export type Company = Pick<CompanyConfig, 'name' | 'domain' | 'dpoMailbox'> & Partial<Pick<CompanyConfig, 'register'>>;
