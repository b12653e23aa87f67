/** Who the bot works for: named when it refuses or greets someone, and in example addresses. */
export interface Company {
  name: string;
  /** The e-mail domain of the company's people ("itguy.dk"). */
  domain: string;
  /** Where people outside the DPO team are sent with questions about their data. */
  dpoMailbox: string;
}

// Until the composition passes the company from configuration.
export const DEFAULT_COMPANY: Company = { name: 'ITGuy', domain: 'itguy.dk', dpoMailbox: 'dpa@itguy.dk' };
