import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** What asked for a reload: an operator's signal, the admin endpoint, or the file watch. */
export type ReloadTrigger = 'SIGHUP' | 'admin' | 'watch';

/**
 * Calls `reload` on SIGHUP and, when `watchFile` is given, after the file changes (debounced: editors and
 * Kubernetes ConfigMap updates write a file in several steps). The directory is watched, not the file:
 * a file replaced by a rename (an editor's save, a ConfigMap's `..data` symlink swap) keeps being seen.
 */
export class RoutesReloadTriggers {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private readonly onSignal = () => this.reload('SIGHUP');

  constructor(
    private readonly reload: (trigger: ReloadTrigger) => void,
    private readonly options: { watchFile?: string; debounceMs: number },
  ) {}

  start(): void {
    process.on('SIGHUP', this.onSignal);
    const file = this.options.watchFile;
    if (!file) return;
    const name = basename(file);
    this.watcher = watch(dirname(file), (_event, changed) => {
      // `..data` and its kin are a ConfigMap's symlink swap; a platform may not name the file at all.
      if (changed && changed !== name && !String(changed).startsWith('..')) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload('watch'), this.options.debounceMs);
    });
    this.watcher.on('error', () => undefined);
  }

  stop(): void {
    process.off('SIGHUP', this.onSignal);
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
