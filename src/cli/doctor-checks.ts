import { X509Certificate } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildBindingRequest } from '../stun/binding.js';
import { ATTRIBUTE, parseStunMessage } from '../stun/codec.js';
import { buildSettings, ConfigError, type Settings } from '../server/config/index.js';
import { readSettingsFile } from '../server/config/load-config.js';
import { MIGRATIONS } from '../server/storage/sqlite/migrations/index.js';
import { DATABASE_FILE } from '../server/storage/sqlite/database.js';
import { openReadOnly } from './data-folder.js';

export type Status = 'ok' | 'warn' | 'fail';

export interface Finding {
  status: Status;
  subject: string;
  detail: string;
  /** What to do about it: every warning and failure has one. */
  fix?: string;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const DAY_MS = 86_400_000;
const ok = (subject: string, detail: string): Finding => ({ status: 'ok', subject, detail });
const mode = (m: number) => `0${(m & 0o777).toString(8)}`;
const size = (bytes: number) => (bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GB` : `${(bytes / MIB).toFixed(1)} MB`);

/** The folder: private to its owner (0700), owned by whoever runs the server, writable. */
export function checkFolder(dataDir: string): Finding[] {
  if (!existsSync(dataDir)) {
    return [{ status: 'fail', subject: 'data folder', detail: `${dataDir} does not exist`, fix: 'start MiniMost once to create it, or pass the --data-dir the server uses' }];
  }
  const stats = statSync(dataDir);
  if (!stats.isDirectory()) return [{ status: 'fail', subject: 'data folder', detail: `${dataDir} is not a folder`, fix: 'pass the --data-dir the server uses' }];
  const findings: Finding[] = [];
  const uid = process.getuid?.();
  if (uid === 0 && stats.uid !== 0) {
    findings.push({
      status: 'fail',
      subject: 'data folder',
      detail: `you are root but ${dataDir} belongs to user id ${stats.uid}; the database was not opened (files SQLite creates would belong to root)`,
      fix: `run it as that user: sudo -u '#${stats.uid}' minimost doctor --data-dir ${dataDir}`,
    });
  }
  if (uid !== undefined && uid !== 0 && stats.uid !== uid) {
    findings.push({ status: 'fail', subject: 'data folder', detail: `${dataDir} belongs to user id ${stats.uid}, not to you (${uid})`, fix: `run MiniMost and its commands as that user, or: chown -R ${uid} ${dataDir}` });
  }
  if ((stats.mode & 0o077) !== 0) {
    findings.push({ status: 'fail', subject: 'data folder', detail: `${dataDir} is open to other users (mode ${mode(stats.mode)})`, fix: `chmod 700 ${dataDir} (MiniMost also tightens it at start)` });
  }
  try {
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    findings.push({ status: 'fail', subject: 'data folder', detail: `${dataDir} is not readable and writable by you`, fix: `chmod 700 ${dataDir} and make its owner the user MiniMost runs as` });
  }
  return findings.length > 0 ? findings : [ok('data folder', `${dataDir} (mode ${mode(stats.mode)})`)];
}

/** Every file: readable by its owner only (keys, sessions, messages), and owned by the folder's owner. */
export function checkFiles(dataDir: string): Finding[] {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) return [];
  const owner = statSync(dataDir).uid;
  const files: string[] = [];
  for (const dir of [dataDir, path.join(dataDir, 'tls')]) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isFile()) files.push(path.join(dir, entry.name));
  }
  const findings: Finding[] = [];
  for (const file of files) {
    const stats = statSync(file);
    if ((stats.mode & 0o077) !== 0) {
      findings.push({ status: 'fail', subject: 'permissions', detail: `${file} is readable by other users (mode ${mode(stats.mode)})`, fix: `chmod 600 ${file}` });
    }
    if (stats.uid !== owner) {
      findings.push({ status: 'fail', subject: 'ownership', detail: `${file} belongs to user id ${stats.uid}, the folder to ${owner}: the server may not be able to open it`, fix: `chown ${owner} ${file} (run admin commands as the folder's owner)` });
    }
  }
  return findings.length > 0 ? findings : [ok('permissions', `${files.length} files, private to their owner`)];
}

/** settings.json, the environment and the flags, validated as `serve` would. */
export function checkSettings(dataDir: string, flags: ReadonlyMap<string, string>): { finding: Finding; settings: Settings | null } {
  const file = path.join(dataDir, 'settings.json');
  try {
    const settings = buildSettings(readSettingsFile(dataDir, false), flags, process.env);
    if (!existsSync(file)) return { settings, finding: { status: 'warn', subject: 'settings', detail: `${file} is missing: defaults apply`, fix: 'start MiniMost once: it writes one with every default' } };
    return { settings, finding: ok('settings', `${file} is valid`) };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return {
      settings: null,
      finding: { status: 'fail', subject: 'settings', detail: err.message, fix: `correct it in ${file} (minimost --help lists every setting and its values), or move the file away to start from the defaults` },
    };
  }
}

const RESTORE_FIX = 'stop MiniMost and restore the latest backup (docs/deployment.md); `sqlite3 minimost.db .recover` can salvage what is readable';

export function checkDatabase(dataDir: string): Finding[] {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return [{ status: 'fail', subject: 'database', detail: `${file} does not exist`, fix: 'start MiniMost once to create it, or pass the --data-dir the server uses' }];
  const findings: Finding[] = [];
  let db;
  try {
    db = openReadOnly(file);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      findings.push({ status: 'fail', subject: 'database', detail: `schema version ${version} is newer than this MiniMost knows (${MIGRATIONS.length})`, fix: 'run the newer MiniMost release, or restore the backup taken before the upgrade' });
    }
    const problems = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const dangling = db.pragma('foreign_key_check') as unknown[];
    if (problems.length > 0 || dangling.length > 0) {
      const detail = problems.length > 0 ? `integrity_check: ${problems.slice(0, 3).join('; ')}` : `${dangling.length} rows point at rows that do not exist`;
      findings.push({ status: 'fail', subject: 'database', detail, fix: RESTORE_FIX });
    } else if (findings.length === 0) {
      const upgrade = version < MIGRATIONS.length ? `; upgraded to ${MIGRATIONS.length} at next start` : '';
      findings.push(ok('database', `integrity_check ok, schema version ${version}${upgrade}, ${size(statSync(file).size)}`));
    }
  } catch (err) {
    const damaged = /^SQLITE_(CORRUPT|NOTADB)/.test((err as { code?: string }).code ?? '');
    findings.push({
      status: 'fail',
      subject: 'database',
      detail: `cannot read ${file}: ${(err as Error).message}`,
      fix: damaged ? RESTORE_FIX : 'check its owner and mode (chmod 600, owned by the user MiniMost runs as)',
    });
  } finally {
    db?.close();
  }
  const wal = `${file}-wal`;
  const walBytes = existsSync(wal) ? statSync(wal).size : 0;
  const walFix = 'something kept SQLite from folding the log back into the database (a long-running reader): restart MiniMost, which checkpoints it on the way out';
  if (walBytes > GIB) findings.push({ status: 'fail', subject: 'write-ahead log', detail: `${size(walBytes)}`, fix: walFix });
  else if (walBytes > 256 * MIB) findings.push({ status: 'warn', subject: 'write-ahead log', detail: `${size(walBytes)}`, fix: walFix });
  else findings.push(ok('write-ahead log', size(walBytes)));
  return findings;
}

export function checkDisk(dataDir: string): Finding {
  if (!existsSync(dataDir)) return { status: 'warn', subject: 'disk space', detail: 'not checked (no data folder)', fix: 'start MiniMost once' };
  const fs = statfsSync(dataDir);
  const free = fs.bavail * fs.bsize;
  const total = fs.blocks * fs.bsize;
  const file = path.join(dataDir, DATABASE_FILE);
  const database = existsSync(file) ? statSync(file).size : 0;
  const detail = `${size(free)} free of ${size(total)}`;
  const fix = 'free space on that disk (a full disk stops sends), cap the database with max_database_mb, or move the data folder';
  if (free < 512 * MIB) return { status: 'fail', subject: 'disk space', detail, fix };
  if (free < 2 * GIB || free < database) return { status: 'warn', subject: 'disk space', detail: `${detail} (a backup needs room for a copy of the ${size(database)} database)`, fix };
  return ok('disk space', detail);
}

function certificateFinding(subject: string, file: string, now: number, renewFix: string, expiredFix: string): Finding {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(readFileSync(file));
  } catch (err) {
    return { status: 'fail', subject, detail: `cannot read ${file}: ${(err as Error).message}`, fix: expiredFix };
  }
  const until = Date.parse(cert.validTo);
  const days = Math.floor((until - now) / DAY_MS);
  if (until <= now) return { status: 'fail', subject, detail: `${file} expired on ${cert.validTo}`, fix: expiredFix };
  if (days <= 30) return { status: 'warn', subject, detail: `${file} expires in ${days} days (${cert.validTo})`, fix: renewFix };
  return ok(subject, `valid until ${cert.validTo} (${days} days)`);
}

export function checkCertificates(dataDir: string, settings: Settings, now = Date.now()): Finding[] {
  if (settings.http) return [ok('certificates', 'plain HTTP (a reverse proxy does TLS): none to check')];
  if (settings.tls_cert !== '') {
    const fix = `install a renewed certificate at ${settings.tls_cert} and restart MiniMost`;
    return [certificateFinding('certificate', path.resolve(settings.tls_cert), now, fix, fix)];
  }
  const tls = path.join(dataDir, 'tls');
  const server = path.join(tls, 'server.pem');
  const ca = path.join(tls, 'ca.pem');
  if (!existsSync(server) || !existsSync(ca)) return [{ status: 'warn', subject: 'certificates', detail: `${tls} has no certificates yet`, fix: 'start MiniMost once: it creates its CA and server certificate' }];
  return [
    certificateFinding('server certificate', server, now, 'restart MiniMost: it renews its own server certificate when 30 days or less remain', 'restart MiniMost: it issues a new server certificate from its CA'),
    certificateFinding('CA certificate', ca, now, `move ${tls} aside and restart MiniMost for a new CA, then have every device trust the new /ca.pem`, `move ${tls} aside and restart MiniMost for a new CA, then have every device trust the new /ca.pem`),
  ];
}

/** Whatever answers a STUN Binding request on that port with our SOFTWARE attribute is a running MiniMost. */
function answersAsMiniMost(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const done = (value: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(value);
    };
    const timer = setTimeout(() => done(false), 1000);
    socket.on('error', () => done(false));
    socket.on('message', (packet) => {
      const parsed = parseStunMessage(packet);
      const software = parsed.ok ? parsed.message.attributes.find((a) => a.type === ATTRIBUTE.SOFTWARE) : undefined;
      done(software !== undefined && Buffer.from(software.value).toString('utf8').startsWith('MiniMost'));
    });
    socket.send(buildBindingRequest(), port, host);
  });
}

export async function checkStunPort(settings: Settings): Promise<Finding> {
  if (!settings.stun) return ok('STUN port', 'STUN is off');
  const port = settings.stun_port;
  const wildcard = settings.host === '0.0.0.0' || settings.host === '::';
  const probeHost = wildcard ? '127.0.0.1' : settings.host;
  const bindError = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const socket = createSocket(settings.host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', (err) => {
      socket.close();
      resolve(err);
    });
    socket.bind(port, settings.host, () => socket.close(() => resolve(null)));
  });
  if (bindError === null) return ok('STUN port', `UDP ${port} is free (MiniMost is not running)`);
  if (bindError.code === 'EADDRINUSE') {
    if (await answersAsMiniMost(probeHost, port)) return ok('STUN port', `UDP ${port} is in use by MiniMost (it is running)`);
    return { status: 'fail', subject: 'STUN port', detail: `UDP ${port} is used by another program`, fix: `stop that program (ss -ulpn 'sport = :${port}' names it), or set stun_port to a free port` };
  }
  if (bindError.code === 'EACCES') return { status: 'fail', subject: 'STUN port', detail: `UDP ${port} needs privileges`, fix: 'choose a stun_port of 1024 or above, or grant CAP_NET_BIND_SERVICE' };
  return { status: 'fail', subject: 'STUN port', detail: `UDP ${port} on ${settings.host}: ${bindError.message}`, fix: 'check the host setting: it must be an address of this machine' };
}
