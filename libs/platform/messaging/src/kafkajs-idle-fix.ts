/**
 * kafkajs 2.2.4 (its latest release) re-arms a timer of ~1 ms forever on every connection, busy or
 * idle: `scheduleCheckPendingRequests` schedules a check even when no request is waiting, and with no
 * throttling the delay is negative (kafkajs issue #1556; the fix in its PR #1667 is unreleased).
 * Profiled here, that loop was the largest part of an idle service's CPU (each of four services used
 * ~2.8 % of a core doing nothing). The same fix as the PR: schedule a check only when a request is
 * waiting. A waiting request is still sent: `push` schedules a check, and every response triggers one.
 */
interface RequestQueueInternals {
  pending: unknown[];
  scheduleCheckPendingRequests(): void;
}

// An internal module without types: require, not import.
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
const original = RequestQueue.prototype.scheduleCheckPendingRequests;

if (!(original as { hakiIdleFix?: boolean }).hakiIdleFix) {
  const patched = function (this: RequestQueueInternals) {
    if (this.pending.length === 0) return;
    original.call(this);
  };
  (patched as { hakiIdleFix?: boolean }).hakiIdleFix = true;
  RequestQueue.prototype.scheduleCheckPendingRequests = patched;
}

export {};
