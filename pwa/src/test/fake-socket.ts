// A WebSocket we drive by hand: the test plays the server (open, events, ready, close) and
// reads what the app sent. setup.ts puts it in place of the real one for every test, so no
// test ever opens a real connection.
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** Every socket made since the last reset, oldest first. */
  static all: FakeWebSocket[] = [];

  static reset(): void {
    FakeWebSocket.all = [];
  }

  /** The newest socket (the test fails loudly when there is none). */
  static get last(): FakeWebSocket {
    const s = FakeWebSocket.all.at(-1);
    if (!s) throw new Error('no WebSocket was opened');
    return s;
  }

  readonly url: string;
  readyState = FakeWebSocket.CONNECTING;
  /** What the app sent, parsed. */
  sent: unknown[] = [];
  /** The code the app closed it with, or null. */
  closedWith: number | null = null;
  /** The reason the app gave when it closed it, or null. */
  closedReason: string | null = null;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;

  constructor(url: string | URL) {
    this.url = String(url);
    FakeWebSocket.all.push(this);
  }

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new DOMException('not open', 'InvalidStateError');
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.closedWith = code;
    this.closedReason = reason;
  }

  // ---- the server's side ----

  /** The upgrade succeeded. */
  open(): this {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.(new Event('open'));
    return this;
  }

  frame(body: unknown): this {
    this.onmessage?.(new MessageEvent('message', { data: typeof body === 'string' ? body : JSON.stringify(body) }));
    return this;
  }

  event(id: number, kind = 'offer_new', data: Record<string, unknown> = {}): this {
    return this.frame({ type: 'event', id, kind, data, created_at: '2026-12-01T09:00:00Z' });
  }

  ready(lastId: number): this {
    return this.frame({ type: 'ready', last_id: lastId });
  }

  /** The server closed it (1001: going away for a restart). */
  serverClose(code: number): this {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason: '', wasClean: code !== 1006 } as CloseEvent);
    return this;
  }

  /** The connection failed (before or after opening): an error, then close 1006. */
  fail(): this {
    this.readyState = FakeWebSocket.CLOSED;
    this.onerror?.(new Event('error'));
    this.onclose?.({ code: 1006, reason: '', wasClean: false } as CloseEvent);
    return this;
  }

  /** The acks the app sent, as ids. */
  acks(): number[] {
    return this.sent.filter((m): m is { type: 'ack'; id: number } => (m as { type?: unknown }).type === 'ack').map((m) => m.id);
  }
}
