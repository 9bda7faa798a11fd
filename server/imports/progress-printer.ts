import cliProgress from 'cli-progress'

/** Progress for the command line, one phase after another. */
export interface ProgressPrinter {
  /** `fraction` runs 0…1 within the phase `label`. */
  update(label: string, fraction: number): void
  stop(): void
}

/**
 * A bar on a terminal (`cli-progress`), otherwise a plain line at every
 * 10 % of each phase, so logs of a long import stay short.
 */
export function createProgressPrinter(tty: boolean): ProgressPrinter {
  if (tty) {
    const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {percentage}%', hideCursor: true }, cliProgress.Presets.shades_classic)
    let started = false
    return {
      update(label, fraction) {
        if (!started) bar.start(100, 0, { phase: label })
        started = true
        bar.update(Math.round(fraction * 100), { phase: label })
      },
      stop: () => {
        if (started) bar.stop()
      },
    }
  }
  const printed = new Map<string, number>()
  return {
    update(label, fraction) {
      const step = Math.floor(fraction * 10) * 10
      if (step <= (printed.get(label) ?? -1)) return
      printed.set(label, step)
      console.log(`${label} ${step}%`)
    },
    stop: () => {},
  }
}

/** Thrown when the user interrupts an import with Ctrl-C; nothing has been written. */
export class ImportInterrupted extends Error {}

/**
 * Runs `work` with a signal that Ctrl-C (SIGINT) aborts with
 * {@link ImportInterrupted}, which is then what is thrown.
 */
export async function interruptibleByCtrlC<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const interrupt = () => controller.abort(new ImportInterrupted('import interrupted: nothing was written'))
  process.on('SIGINT', interrupt)
  try {
    return await work(controller.signal)
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason
    throw error
  } finally {
    process.off('SIGINT', interrupt)
  }
}
