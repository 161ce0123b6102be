/** The types a key selector may return: they hash the same way in every thread and every run. */
export type Key = string | number | bigint | boolean;

/** Picks the key of an element (`keyBy(...)`); it must return the same key for the same element in every thread. */
export type KeySelector<T, K extends Key> = (value: T) => K;
