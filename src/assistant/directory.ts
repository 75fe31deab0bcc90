// Lookups over the configured people: customers by phone number, agents by department, blocked
// numbers. Built once per config (numbers normalized to E.164 up front), immutable afterwards.
import type { AgentConfig, AssistantConfig, CustomerConfig, Department } from '../config/assistant.js';
import { toE164 } from './caller-id.js';

export interface Customer extends CustomerConfig {
  firstName: string;
}

export class Directory {
  private readonly customersByNumber = new Map<string, Customer>();
  private readonly blockedNumbers = new Set<string>();

  constructor(private readonly config: Pick<AssistantConfig, 'customers' | 'agents' | 'blocked' | 'region'>) {
    for (const customer of config.customers) {
      const entry: Customer = { ...customer, firstName: customer.name.split(/\s+/)[0]! };
      for (const number of customer.phoneNumbers) {
        const e164 = toE164(number, config.region);
        if (e164) this.customersByNumber.set(e164, entry);
      }
    }
    for (const number of config.blocked) {
      const e164 = toE164(number, config.region);
      if (e164) this.blockedNumbers.add(e164);
    }
  }

  customerByNumber(e164: string | undefined): Customer | undefined {
    return e164 ? this.customersByNumber.get(e164) : undefined;
  }

  isBlocked(e164: string | undefined): boolean {
    return e164 !== undefined && this.blockedNumbers.has(e164);
  }

  /** Every agent of a department, available ones first (config order otherwise). */
  agentsFor(department: Department): AgentConfig[] {
    const agents = this.config.agents.filter((a) => a.department === department);
    return [...agents.filter((a) => a.status === 'available'), ...agents.filter((a) => a.status !== 'available')];
  }

  /** The agent to offer for a department: the first available one, else the first listed. */
  agentFor(department: Department): AgentConfig | undefined {
    return this.agentsFor(department)[0];
  }
}
