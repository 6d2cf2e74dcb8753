/// Virtual memory's events. None yet: the pager's completions (a swap read or
/// write done) will be the first, with their `handle` and `neverHappens`.
/// Until then the enum is empty and the arms routing it handle nothing.
public enum MemoryEvent: Sendable, Equatable {}
