/// Distributed shared memory's events. None yet: a manager's or owner's
/// service of a request will be the first, with its `handle` and
/// `neverHappens`. Until then the enum is empty and the arms routing it
/// handle nothing.
public enum DSMEvent: Sendable, Equatable {}
