import type { ResourceLimits } from 'node:worker_threads';

/**
 * V8 limits for the core's helper threads: the blob file writer, the SMTP client, the WAL checkpointer. Each worker
 * thread is a V8 isolate with a heap of its own, and V8 lets an isolate's young generation grow towards its default
 * maximum (two 16 MB semi-spaces) whenever enough of a scavenge survives, and keeps it. These threads only pass
 * message-sized buffers through and hold almost nothing, but under a steady relay load their young generations kept
 * growing: bench/soak measured the serve process's resident memory rising ~56 MB per 10 minutes at 150 msgs/s, all of
 * it anonymous memory and mostly these heaps (the SMTP client thread's heap from 18 to 44 MB with 11–18 MB in use),
 * and flat with this cap. A 4 MB young generation costs more, cheaper scavenges of almost nothing that survives.
 */
export const HELPER_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 4 };
