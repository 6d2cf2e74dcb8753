import SpriteKernel

extension Limits {
    /// Kernel work of a location-dependent call (`syscall gettimeofday` …) when the step names none.
    static let locationCallCPU = SimTime.us(100)
}
