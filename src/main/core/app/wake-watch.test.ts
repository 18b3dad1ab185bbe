import { describe, expect, it } from 'vitest';
import { interfaceFingerprint, WakeWatch, type WakeReason } from './wake-watch.js';

function watch(start = 1_000_000) {
  const clock = { now: start, interfaces: 'eth0=10.0.0.2' };
  const woke: WakeReason[] = [];
  const w = new WakeWatch((why) => woke.push(why), {
    intervalMs: 10_000,
    jumpMs: 20_000,
    now: () => clock.now,
    interfaces: () => clock.interfaces,
  });
  w.start();
  w.stop(); // ticks are driven by hand below
  const tick = (ms: number) => {
    clock.now += ms;
    w.check();
  };
  return { clock, woke, tick };
}

describe('noticing sleep and network changes', () => {
  it('says nothing while ticks come on time, or a little late on a busy event loop', () => {
    const { woke, tick } = watch();
    tick(10_000);
    tick(12_000);
    tick(29_000);
    expect(woke).toEqual([]);
  });

  it('notices a tick that came much later than planned: the machine slept', () => {
    const { woke, tick } = watch();
    tick(10_000);
    tick(45 * 60_000);
    tick(10_000);
    expect(woke).toEqual(['clock-jump']);
  });

  it('notices a change of the network interfaces, once', () => {
    const { clock, woke, tick } = watch();
    tick(10_000);
    clock.interfaces = 'wlan0=192.168.1.7';
    tick(10_000);
    tick(10_000);
    expect(woke).toEqual(['network-change']);
  });

  it("fingerprints this machine's interfaces the same way twice", () => {
    expect(interfaceFingerprint()).toBe(interfaceFingerprint());
    expect(interfaceFingerprint()).toMatch(/lo=/);
  });
});
