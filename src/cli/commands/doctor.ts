// `frontdesk doctor`: checks every configured cloud provider (credentials present, service reachable,
// account usable, SIP proxy reachable) and prints one line per problem with its fix; exit 1 on problems.
import type { Command } from 'commander';
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { openaiBaseUrl, openaiModel, ringcentralServer, secret, secretSource, deepgramUrl, type SecretRef } from '../../config/cloud.js';
import { RingCentralAuth } from '../../telephony/ringcentral/auth.js';
import { RingCentralRest } from '../../telephony/ringcentral/rest.js';
import { provisionSoftphone } from '../../telephony/ringcentral/provisioning.js';
import { IamTokenManager } from '../../speech/stt/watson-iam.js';
import { WatsonSTT } from '../../speech/stt/watson.js';

export interface Problem {
  provider: string;
  problem: string;
  fix: string;
}
type Env = Record<string, string | undefined>;

function missing(provider: string, refs: [string, SecretRef][], env: Env): Problem[] {
  return refs
    .filter(([, ref]) => !secret(ref, env))
    .map(([what, ref]) => ({ provider, problem: `${what} is not set`, fix: `put it in ${secretSource(ref)}` }));
}

async function checkRingCentral(config: Config, env: Env): Promise<Problem[]> {
  const rc = config.cloud.ringcentral;
  const absent = missing('ringcentral', [['client id', rc.clientId], ['client secret', rc.clientSecret], ['JWT', rc.jwt]], env);
  if (absent.length) return absent;
  const server = ringcentralServer(rc, env);
  const auth = new RingCentralAuth({ server, clientId: secret(rc.clientId, env)!, clientSecret: secret(rc.clientSecret, env)!, jwt: secret(rc.jwt, env)! });
  try {
    await auth.accessToken();
  } catch (error) {
    const text = (error as Error).message;
    const fix = /OAU-14[06]|invalid_client/.test(text) ? 'check the client id and secret of the app in the RingCentral developer console'
      : /OAU-1|invalid_grant/.test(text) ? 'create a fresh JWT credential for the user and the app (JWTs expire or are bound to one app)'
      : `check ${rc.serverUrlEnv} (${server}) and the network`;
    return [{ provider: 'ringcentral', problem: text, fix }];
  }
  try {
    const sip = await provisionSoftphone(new RingCentralRest(server, auth), rc.deviceName);
    const proxy = rc.transport === 'tls' ? sip.proxyTls ?? sip.proxy : sip.proxy ?? sip.proxyTls;
    const reach = await reachable(proxy!, rc.transport === 'tls' && proxy === sip.proxyTls, rc.insecureTls);
    if (reach) return [{ provider: 'ringcentral', problem: `SIP outbound proxy ${proxy} unreachable: ${reach}`, fix: 'allow outbound TCP/TLS to RingCentral SIP proxies (ports 5090/5096) in the firewall' }];
  } catch (error) {
    return [{ provider: 'ringcentral', problem: (error as Error).message, fix: 'add an "Existing Phone" device to the extension (and set cloud.ringcentral.deviceName to its name); the app needs ReadAccounts' }];
  } finally {
    await auth.revoke();
  }
  return [];
}

async function checkWatson(config: Config, env: Env): Promise<Problem[]> {
  const w = config.cloud.watson;
  const absent = missing('watson', [['API key', w.apiKey], ['instance id', w.instanceId]], env);
  if (absent.length) return absent;
  try {
    await new IamTokenManager(w.iamUrl, secret(w.apiKey, env)!).getToken();
  } catch (error) {
    return [{ provider: 'watson', problem: (error as Error).message, fix: 'create a new API key for the Speech to Text service credentials' }];
  }
  const stt = new WatsonSTT(w, env);
  const outcome = await new Promise<string | undefined>((resolve) => {
    const session = stt.open({ kind: 'yesNo' });
    session.once('error', (error) => resolve(error.message));
    session.once('final', () => resolve(undefined));
    session.end();
  });
  await stt.close();
  return outcome ? [{ provider: 'watson', problem: outcome, fix: `check ${w.urlEnv} (the region's service URL) and the instance id` }] : [];
}

async function checkOpenAI(config: Config, env: Env): Promise<Problem[]> {
  const o = config.cloud.openai;
  const base = openaiBaseUrl(o, env);
  const key = secret(o.apiKey, env);
  if (!key && /api\.openai\.com/.test(base)) return missing('openai', [['API key', o.apiKey]], env);
  try {
    const response = await fetch(`${base}/models`, { headers: key ? { authorization: `Bearer ${key}` } : {}, signal: AbortSignal.timeout(10_000) });
    if (response.status === 401) return [{ provider: 'openai', problem: 'the API key was refused (401)', fix: `put a valid key in ${secretSource(o.apiKey)}` }];
    if (!response.ok) return [{ provider: 'openai', problem: `GET ${base}/models answered ${response.status}`, fix: `check ${o.urlEnv}: it must end at the API prefix, e.g. https://api.openai.com/v1 or http://localhost:11434/v1` }];
    const models = (await response.json()) as { data?: { id: string }[] };
    const model = openaiModel(o, env);
    if (models.data && !models.data.some((m) => m.id === model)) {
      return [{ provider: 'openai', problem: `model "${model}" is not offered by ${base}`, fix: `set cloud.openai.model (or ${o.modelEnv}) to one of: ${models.data.slice(0, 5).map((m) => m.id).join(', ')}` }];
    }
  } catch (error) {
    return [{ provider: 'openai', problem: `cannot reach ${base}: ${(error as Error).message}`, fix: `check ${o.urlEnv} and the network` }];
  }
  return [];
}

async function checkDeepgram(config: Config, env: Env): Promise<Problem[]> {
  const d = config.cloud.deepgram;
  const absent = missing('deepgram', [['API key', d.apiKey]], env);
  if (absent.length) return absent;
  const problem = await new Promise<string | undefined>((resolve) => {
    const ws = new WebSocket(`${deepgramUrl(d, env)}/v1/listen?model=${d.model}&encoding=mulaw&sample_rate=8000`, { headers: { Authorization: `Token ${secret(d.apiKey, env)}` }, handshakeTimeout: 10_000 });
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'CloseStream' }));
      ws.close();
      resolve(undefined);
    });
    ws.on('unexpected-response', (_req, res) => resolve(`connection refused: HTTP ${res.statusCode} ${res.headers['dg-error'] ?? ''}`.trim()));
    ws.on('error', (error) => resolve(error.message));
  });
  return problem ? [{ provider: 'deepgram', problem, fix: `check ${secretSource(d.apiKey)} and ${d.urlEnv}` }] : [];
}

/** Resolves undefined when host:port accepts a TCP (or TLS) connection within 5 s, else the reason. */
function reachable(hostPort: string, tls: boolean, insecure: boolean): Promise<string | undefined> {
  const [host, port] = [hostPort.replace(/:\d+$/, ''), Number(/:(\d+)$/.exec(hostPort)?.[1] ?? (tls ? 5061 : 5060))];
  return new Promise((resolve) => {
    const socket = tls ? tlsConnect({ host, port, servername: host, rejectUnauthorized: !insecure }) : tcpConnect({ host, port });
    const done = (reason?: string) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(5000, () => done('timed out'));
    socket.once(tls ? 'secureConnect' : 'connect', () => done());
    socket.once('error', (error) => done(error.message));
  });
}

/** Every problem of the providers this config uses. */
export async function runDoctor(config: Config, env: Env = process.env): Promise<Problem[]> {
  const checks: Promise<Problem[]>[] = [];
  if (config.telephony === 'ringcentral') checks.push(checkRingCentral(config, env));
  if (config.speech.stt === 'watson') checks.push(checkWatson(config, env));
  if (config.speech.stt === 'deepgram') checks.push(checkDeepgram(config, env));
  if (config.brain === 'openai' || config.speech.tts === 'openai') checks.push(checkOpenAI(config, env));
  return (await Promise.all(checks)).flat();
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('Check the configured cloud providers: credentials, reachability, registration')
    .option('-c, --config <file>', 'configuration file (YAML)')
    .action(async (options: { config?: string }) => {
      const config = loadConfig(options.config);
      const problems = await runDoctor(config);
      for (const p of problems) console.log(`${p.provider}: ${p.problem} — fix: ${p.fix}`);
      const used = [config.telephony === 'ringcentral' && 'ringcentral', config.speech.stt !== 'pocketsphinx' && config.speech.stt, (config.brain === 'openai' || config.speech.tts === 'openai') && 'openai'].filter(Boolean);
      if (!problems.length) console.log(used.length ? `ok: ${used.join(', ')}` : 'ok: no cloud provider configured (fully offline)');
      process.exitCode = problems.length ? 1 : 0;
    });
}
