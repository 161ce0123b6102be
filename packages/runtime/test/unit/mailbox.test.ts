import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Mailbox, MailPriority, ManualClock } from '../../src/mailbox/index.ts';

const manual = (clock?: ManualClock): Mailbox => new Mailbox({ name: 'test', drive: 'manual', clock });

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Mailbox ordering', () => {
  test('runs mail of one priority in send order', () => {
    const mailbox = manual();
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) mailbox.send(() => ran.push(i), `mail ${i}`);
    expect(mailbox.size).toBe(5);
    expect(mailbox.runAll()).toBe(5);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(mailbox.size).toBe(0);
    expect(mailbox.runOne()).toBe(false);
  });

  test('runs CONTROL before DEFAULT before LOW, whatever the send order', () => {
    const mailbox = manual();
    const ran: string[] = [];
    mailbox.send(() => ran.push('low'), 'low', MailPriority.LOW);
    mailbox.send(() => ran.push('default-1'), 'd1');
    mailbox.send(() => ran.push('control'), 'control', MailPriority.CONTROL);
    mailbox.send(() => ran.push('default-2'), 'd2', MailPriority.DEFAULT);
    mailbox.runAll();
    expect(ran).toEqual(['control', 'default-1', 'default-2', 'low']);
  });

  test('mail sent by a mail runs after it, never inside it', () => {
    const mailbox = manual();
    const trace: string[] = [];
    const mail = (name: string, then?: () => void) => () => {
      trace.push(`begin ${name}`);
      then?.();
      trace.push(`end ${name}`);
    };
    mailbox.send(
      mail('a', () => {
        mailbox.send(
          mail('c', () => mailbox.send(mail('e'), 'e', MailPriority.CONTROL)),
          'c',
          MailPriority.CONTROL,
        );
        mailbox.send(mail('d'), 'd');
      }),
      'a',
    );
    mailbox.send(mail('b'), 'b');
    mailbox.runAll();
    // No nesting: every begin is directly followed by its own end.
    for (let i = 0; i < trace.length; i += 2) {
      expect(trace[i]!.replace('begin', 'end')).toBe(trace[i + 1]);
    }
    expect(trace.filter((t) => t.startsWith('begin'))).toEqual(['begin a', 'begin c', 'begin e', 'begin b', 'begin d']);
  });

  test('running mail from inside a mail throws and leaves the queued mail alone', () => {
    const mailbox = manual();
    let inner: unknown;
    const ran: string[] = [];
    mailbox.send(() => {
      try {
        mailbox.runOne();
      } catch (error) {
        inner = error;
      }
    }, 'outer');
    mailbox.send(() => ran.push('second'), 'second');
    mailbox.runAll();
    expect(inner).toBeInstanceOf(Error);
    expect((inner as Error).message).toBe('mailbox test: a mail tried to run other mail inside itself');
    expect(ran).toEqual(['second']);
  });
});

describe('Mailbox timers on a manual clock', () => {
  test('a scheduled action fires as mail, only once the clock passes its time, in time order', () => {
    const clock = new ManualClock(1_000);
    const mailbox = manual(clock);
    const fired: string[] = [];
    mailbox.schedule(30, () => fired.push(`30@${clock.now()}`), 't30');
    mailbox.schedule(10, () => fired.push(`10@${clock.now()}`), 't10');
    mailbox.schedule(20, () => fired.push(`20@${clock.now()}`), 't20');
    mailbox.runAll();
    expect(fired).toEqual([]);

    clock.advance(9);
    expect(mailbox.size).toBe(0);
    clock.advance(11); // now 1020: t10 and t20 are due
    // Due timers become mail; nothing runs until the mailbox is driven.
    expect(fired).toEqual([]);
    expect(mailbox.size).toBe(2);
    mailbox.runAll();
    expect(fired).toEqual(['10@1020', '20@1020']);

    clock.advance(100);
    mailbox.runAll();
    expect(fired).toEqual(['10@1020', '20@1020', '30@1120']);
    expect(clock.pendingTimers).toBe(0);
  });

  test('timers due at the same time fire in the order they were set', () => {
    const clock = new ManualClock();
    const mailbox = manual(clock);
    const fired: number[] = [];
    for (let i = 0; i < 4; i++) mailbox.schedule(5, () => fired.push(i), `t${i}`);
    clock.advance(5);
    mailbox.runAll();
    expect(fired).toEqual([0, 1, 2, 3]);
  });

  test('a cancelled timer never fires', () => {
    const clock = new ManualClock();
    const mailbox = manual(clock);
    const fired: string[] = [];
    const cancel = mailbox.schedule(10, () => fired.push('cancelled'), 'cancelled');
    mailbox.schedule(10, () => fired.push('kept'), 'kept');
    cancel();
    clock.advance(50);
    mailbox.runAll();
    expect(fired).toEqual(['kept']);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('Mailbox async results and lifecycle', () => {
  test('whenDone delivers a result and an error as mail', async () => {
    const mailbox = manual();
    const seen: unknown[] = [];
    mailbox.whenDone(Promise.resolve(42), (result, error) => seen.push(['ok', result, error]), 'ok');
    const failure = new Error('boom');
    mailbox.whenDone(Promise.reject(failure), (result, error) => seen.push(['err', result, error]), 'err');
    await nextTurn();
    expect(seen).toEqual([]);
    expect(mailbox.size).toBe(2);
    mailbox.runAll();
    expect(seen).toEqual([
      ['ok', 42, undefined],
      ['err', undefined, failure],
    ]);
  });

  test('close drops queued mail, cancels timers and ignores later sends', async () => {
    const clock = new ManualClock();
    const mailbox = manual(clock);
    const ran: string[] = [];
    mailbox.send(() => ran.push('queued'), 'queued');
    mailbox.schedule(10, () => ran.push('timer'), 'timer');
    mailbox.whenDone(Promise.resolve(1), () => ran.push('async'), 'async');
    mailbox.close();
    expect(mailbox.isClosed).toBe(true);
    expect(mailbox.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    mailbox.send(() => ran.push('late'), 'late');
    clock.advance(100);
    await nextTurn();
    expect(mailbox.runAll()).toBe(0);
    expect(ran).toEqual([]);
  });

  // With the system clock, a timer set after close would keep the thread alive for its whole delay.
  test('schedule after close sets no timer', () => {
    const clock = new ManualClock();
    const mailbox = manual(clock);
    mailbox.close();
    mailbox.schedule(60_000, () => {}, 'too late');
    expect(clock.pendingTimers).toBe(0);
  });

  test('onError gets the failing mail and the mailbox goes on', () => {
    const errors: [unknown, string][] = [];
    const mailbox = new Mailbox({
      name: 'test',
      drive: 'manual',
      onError: (error, description) => errors.push([error, description]),
    });
    const ran: string[] = [];
    const failure = new Error('bad mail');
    mailbox.send(() => {
      throw failure;
    }, 'thrower');
    mailbox.send(() => ran.push('after'), 'after');
    expect(mailbox.runAll()).toBe(2);
    expect(errors).toEqual([[failure, 'thrower']]);
    expect(ran).toEqual(['after']);
  });

  test('without onError a failing mail rethrows, and the mailbox still runs the next one', () => {
    const mailbox = manual();
    const ran: string[] = [];
    mailbox.send(() => {
      throw new Error('bad mail');
    }, 'thrower');
    mailbox.send(() => ran.push('after'), 'after');
    expect(() => mailbox.runOne()).toThrow('bad mail');
    expect(mailbox.runAll()).toBe(1);
    expect(ran).toEqual(['after']);
  });

  test("'auto' drive drains on the event loop, not inside send", async () => {
    const mailbox = new Mailbox({ name: 'auto', drive: 'auto' });
    const ran: number[] = [];
    for (let i = 0; i < 1_500; i++) mailbox.send(() => ran.push(i), `mail ${i}`);
    expect(ran).toEqual([]);
    // More than one drain turn's worth: the drain must reschedule itself until the queue is empty.
    for (let turn = 0; turn < 10 && mailbox.size > 0; turn++) await nextTurn();
    expect(mailbox.size).toBe(0);
    expect(ran).toEqual(Array.from({ length: 1_500 }, (_, i) => i));
  });

  test("'auto' drive runs mail that a mail sends", async () => {
    const mailbox = new Mailbox({ name: 'auto', drive: 'auto' });
    const ran: string[] = [];
    mailbox.send(() => {
      ran.push('first');
      mailbox.send(() => ran.push('second'), 'second');
    }, 'first');
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual(['first', 'second']);
  });
});

describe('Mailbox ordering property', () => {
  const priorities = [MailPriority.CONTROL, MailPriority.DEFAULT, MailPriority.LOW] as const;

  test('any interleaving of sends and runs runs mail in (priority, send order) of what is queued', () => {
    // An op is either a send with a priority or one runOne step.
    const op = fc.oneof(
      fc.constantFrom(...priorities).map((priority) => ({ kind: 'send' as const, priority })),
      fc.constant({ kind: 'run' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const mailbox = manual();
        const ran: number[] = [];
        // A model of the queue: the mail that must run next is the lowest (priority, seq).
        const model: { priority: number; seq: number }[] = [];
        const expected: number[] = [];
        let seq = 0;
        const runModel = (): void => {
          if (model.length === 0) return;
          model.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
          expected.push(model.shift()!.seq);
        };
        for (const o of ops) {
          if (o.kind === 'send') {
            const id = seq++;
            model.push({ priority: o.priority, seq: id });
            mailbox.send(() => ran.push(id), `mail ${id}`, o.priority);
          } else {
            mailbox.runOne();
            runModel();
          }
        }
        mailbox.runAll();
        while (model.length > 0) runModel();
        expect(ran).toEqual(expected);
      }),
    );
  });
});
