// What each core and each process under test spent during a load run, read from /proc (Linux): the
// busy share of a core says whether it capped the row; CPU time per request is the figure that other
// load on a shared machine disturbs least.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function coreTimes() {
  const times = {};
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const m = /^cpu(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = m[2].trim().split(/\s+/).map(Number);
    times[m[1]] = {
      busy: user + nice + system + irq + softirq + steal,
      total: user + nice + system + idle + iowait + irq + softirq + steal,
    };
  }
  return times;
}

function processTicks(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* the process is gone */
    }
  }
  return ticks;
}

/** Every process listening on `port` (nginx: master and worker), found with `ss`. */
export function listeningPids(port) {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return [...new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))];
}

/**
 * Starts watching; `stop()` returns each core's busy share (0–1) and the CPU seconds `pids` used since.
 */
export function watchCpu(pids = []) {
  const cores = coreTimes();
  const ticks = processTicks(pids);
  return {
    stop() {
      const now = coreTimes();
      const busy = {};
      for (const [core, t] of Object.entries(now)) {
        const total = t.total - (cores[core]?.total ?? 0);
        busy[core] = total > 0 ? (t.busy - cores[core].busy) / total : NaN;
      }
      return { busy, processSeconds: (processTicks(pids) - ticks) / TICKS_PER_SECOND };
    },
  };
}
