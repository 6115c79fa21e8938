#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Lifts this process's open-file limit to its hard limit (each connection is a descriptor);
/// returns the limit now in force.
@discardableResult
public func raiseOpenFileLimit() -> Int? {
    var limit = rlimit()
    #if os(Linux)
    let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    let resource = RLIMIT_NOFILE
    #endif
    guard getrlimit(resource, &limit) == 0 else { return nil }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(resource, &limit)
    return getrlimit(resource, &limit) == 0 ? Int(limit.rlim_cur) : nil
}
