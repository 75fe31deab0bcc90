// Is an agent free to take a transfer? RingCentral presence of the target extension: on a call,
// ringing, on hold, Do-Not-Disturb or offline → not available (the caller goes on the waiting list).
import type { RingCentralRest } from './rest.js';
import { paths, type ExtensionList, type PresenceInfo } from './resources.js';

export interface AgentAvailability {
  available: boolean;
  status: 'available' | 'busy' | 'dnd' | 'offline' | 'unknown';
  /** RingCentral's own words, for the call record. */
  detail: string;
}

export class PresenceLookup {
  private readonly extensionIds = new Map<string, string>();

  constructor(private readonly rest: RingCentralRest) {}

  async agentAvailability(extensionNumber: string): Promise<AgentAvailability> {
    let presence: PresenceInfo;
    try {
      const id = await this.extensionId(extensionNumber);
      if (!id) return { available: false, status: 'unknown', detail: `no extension ${extensionNumber}` };
      presence = await this.rest.get<PresenceInfo>(paths.presence(id));
    } catch (error) {
      // Unknown is not busy: the transfer is attempted and its own result decides.
      return { available: true, status: 'unknown', detail: (error as Error).message };
    }
    return judge(presence);
  }

  private async extensionId(extensionNumber: string): Promise<string | undefined> {
    const cached = this.extensionIds.get(extensionNumber);
    if (cached) return cached;
    const list = await this.rest.get<ExtensionList>(paths.extensionByNumber(extensionNumber));
    const record = list.records.find((r) => r.extensionNumber === undefined || r.extensionNumber === extensionNumber);
    if (!record) return undefined;
    this.extensionIds.set(extensionNumber, String(record.id));
    return String(record.id);
  }
}

export function judge(presence: PresenceInfo): AgentAvailability {
  const detail = `telephonyStatus=${presence.telephonyStatus ?? '?'} dndStatus=${presence.dndStatus ?? '?'} userStatus=${presence.userStatus ?? '?'}`;
  if (presence.userStatus === 'Offline' || presence.presenceStatus === 'Offline') return { available: false, status: 'offline', detail };
  if (presence.dndStatus === 'DoNotAcceptAnyCalls' || presence.dndStatus === 'DoNotAcceptDepartmentCalls') return { available: false, status: 'dnd', detail };
  if (presence.telephonyStatus && presence.telephonyStatus !== 'NoCall') return { available: false, status: 'busy', detail };
  return { available: true, status: 'available', detail };
}
