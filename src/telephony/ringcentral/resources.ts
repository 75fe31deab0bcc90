// The RingCentral REST resources frontdesk reads (field names as the API spells them; only the
// fields used here). Paths are built by the functions below so each lives in one place.

export interface DeviceResource {
  id: string;
  type: string; // HardPhone | SoftPhone | OtherPhone | WebPhone | …
  name?: string;
  status?: string;
  extension?: { id?: string | number; extensionNumber?: string };
}
export interface DeviceList {
  records: DeviceResource[];
}
export interface SipInfoResource {
  domain: string;
  outboundProxies: { region?: string; proxy?: string; proxyTLS?: string }[];
  userName: string;
  password: string;
  authorizationId: string;
}
export interface ExtensionList {
  records: { id: string | number; extensionNumber?: string; name?: string; status?: string }[];
}
export interface ActiveCallInfo {
  id?: string;
  direction?: string;
  telephonyStatus?: string;
  telephonySessionId?: string;
  partyId?: string;
  sipData?: { callId?: string };
}
export interface PresenceInfo {
  presenceStatus?: 'Offline' | 'Busy' | 'Available';
  telephonyStatus?: 'NoCall' | 'CallConnected' | 'Ringing' | 'OnHold' | 'ParkedCall';
  userStatus?: 'Offline' | 'Busy' | 'Available';
  dndStatus?: 'TakeAllCalls' | 'DoNotAcceptDepartmentCalls' | 'TakeDepartmentCallsOnly' | 'DoNotAcceptAnyCalls' | 'Unknown';
  activeCalls?: ActiveCallInfo[];
}
export interface CallParty {
  id: string;
  status?: { code?: string; reason?: string };
}

export const paths = {
  devices: '/restapi/v1.0/account/~/extension/~/device',
  sipInfo: (deviceId: string) => `/restapi/v1.0/account/~/device/${encodeURIComponent(deviceId)}/sip-info`,
  extensionByNumber: (extensionNumber: string) => `/restapi/v1.0/account/~/extension?extensionNumber=${encodeURIComponent(extensionNumber)}`,
  presence: (extensionId: string, detailed = false) =>
    `/restapi/v1.0/account/~/extension/${extensionId === '~' ? '~' : encodeURIComponent(extensionId)}/presence${detailed ? '?detailedTelephonyState=true&sipData=true' : ''}`,
  session: (sessionId: string) => `/restapi/v1.0/account/~/telephony/sessions/${encodeURIComponent(sessionId)}`,
  transfer: (sessionId: string, partyId: string) =>
    `/restapi/v1.0/account/~/telephony/sessions/${encodeURIComponent(sessionId)}/parties/${encodeURIComponent(partyId)}/transfer`,
};
