// Child processes: every one is registered here and stopped on the way out, whatever the way
// (normal end, error, SIGINT), so a benchmark never leaves a relay or sink running.

const children = new Set();
let interrupted = false;

/** True once SIGINT/SIGTERM arrived: loops stop starting new work. */
export function isInterrupted() {
  return interrupted;
}

/** `group`: the child leads its own process group (detached), and the whole group is signalled. */
export function track(proc, name, { group = false } = {}) {
  const entry = { proc, name, group };
  children.add(entry);
  proc.once('exit', () => children.delete(entry));
  return entry;
}

function signalChild(entry, sig) {
  try {
    if (entry.group) process.kill(-entry.proc.pid, sig);
    else entry.proc.kill(sig);
  } catch {
    /* already gone */
  }
}

/** Resolves true when `proc` exited within `ms`, false otherwise. */
export function waitExit(proc, ms) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

export async function stopChild(entry, graceMs = 30_000) {
  if (!entry || entry.proc.exitCode !== null || entry.proc.signalCode !== null) return;
  signalChild(entry, 'SIGTERM');
  if (!(await waitExit(entry.proc, graceMs))) {
    console.error(`bench: ${entry.name} (pid ${entry.proc.pid}) did not stop in ${graceMs} ms; killing it`);
    signalChild(entry, 'SIGKILL');
    await waitExit(entry.proc, 5_000);
  }
}

export async function stopAll() {
  await Promise.all([...children].map((c) => stopChild(c, 15_000)));
}

export function installSignalHandlers() {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\nbench: ${sig}: stopping children`);
      stopAll().finally(() => process.exit(130));
    });
  }
  // Last resort: 'exit' handlers cannot wait, so whatever is still running gets SIGKILL.
  process.on('exit', () => {
    for (const c of children) signalChild(c, 'SIGKILL');
  });
}
