#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells systemd how the daemon is doing (`Type=notify`): one datagram per message to the unix
/// socket named by `$NOTIFY_SOCKET` — a path, or `@name` in the abstract namespace — as
/// `sd_notify(3)` does, without libsystemd. Without `NOTIFY_SOCKET` every call does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket, as given (`/run/systemd/notify` or `@…`); nil when not under systemd.
    public let socket: String?
    /// Half of `$WATCHDOG_USEC` (when `$WATCHDOG_PID` is unset or this process): how often to
    /// send `WATCHDOG=1`. Nil when no watchdog is asked for.
    public let watchdogInterval: Duration?

    public init(environment: [String: String]) {
        let socket = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        self.socket = socket
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if socket != nil, forUs, let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 {
            watchdogInterval = .microseconds(microseconds / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// From the process's environment.
    public static func fromEnvironment() -> SystemdNotifier {
        var environment: [String: String] = [:]
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return SystemdNotifier(environment: environment)
    }

    /// `READY=1`: listening, the catalogue and database loaded.
    @discardableResult public func ready() -> Bool { send("READY=1") }
    /// `STOPPING=1`: graceful shutdown has begun.
    @discardableResult public func stopping() -> Bool { send("STOPPING=1") }
    /// `WATCHDOG=1`: still alive.
    @discardableResult public func watchdog() -> Bool { send("WATCHDOG=1") }

    /// Sends `state` (newline-separated `KEY=VALUE` lines) in one datagram. Returns false when
    /// there is no socket or sending failed; a failure never stops the daemon.
    @discardableResult
    public func send(_ state: String) -> Bool {
        guard let socket else { return false }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socket.utf8)
        let abstract = path.first == UInt8(ascii: "@")
        if abstract { path[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A path needs room for its terminating zero; an abstract name has none.
        guard !path.isEmpty, path.count <= capacity - (abstract ? 0 : 1) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count + (abstract ? 0 : 1))

        #if canImport(Glibc)
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = Darwin.socket(AF_UNIX, SOCK_DGRAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { bytes in
                    sendto(descriptor, bytes.baseAddress, bytes.count, flags, socketAddress, length)
                }
            }
        }
        return sent == message.count
    }
}
