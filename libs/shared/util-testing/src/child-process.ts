import { spawn, type ChildProcess } from 'node:child_process';

/** A spawned Node process with the tail of its output kept for error messages. */
export interface NodeChild {
  child: ChildProcess;
  /** The last 64 KB of stderr. */
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
}

const TAIL_BYTES = 64 * 1024;

/** Spawns `node <script>`; both output streams are drained so a chatty child never blocks on a full pipe. */
export function spawnNode(
  script: string,
  env: NodeJS.ProcessEnv,
  onStdoutLine?: (line: string) => void,
): NodeChild {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-TAIL_BYTES);
  });
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    if (!onStdoutLine) return;
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      onStdoutLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
    pending = pending.slice(-TAIL_BYTES);
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.once('error', () => resolve(null));
  });
  return { child, stderr: () => stderr, exited };
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. Resolves once it is gone. */
export async function stopChild(proc: NodeChild, graceMs = 10_000): Promise<number | NodeJS.Signals | null> {
  const { child } = proc;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return await proc.exited;
    } finally {
      clearTimeout(timer);
    }
  }
  return proc.exited;
}
