export { type CancelTimer, type Clock, ManualClock, systemClock } from './Clock.ts';
export { Mailbox, type MailboxOptions, MailPriority } from './Mailbox.ts';
