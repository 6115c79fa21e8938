import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Sends `WATCHDOG=1` every ``SystemdNotifier/watchdogInterval`` (half of `WatchdogSec=`), each
/// time after every event loop has run a no-op task: a daemon whose loops are stuck stops
/// petting the watchdog and systemd restarts it. Put it first in the service group, so that it
/// stops last.
public struct SystemdWatchdog: Service {
    let notifier: SystemdNotifier
    let group: any EventLoopGroup
    let logger: Logger

    public init(notifier: SystemdNotifier, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger) {
        self.notifier = notifier
        self.group = group
        self.logger = logger
    }

    public func run() async throws {
        guard let interval = notifier.watchdogInterval else {
            // Nothing to do; wait for the stop like every other service.
            try? await gracefulShutdown()
            return
        }
        logger.info("systemd watchdog on", metadata: ["interval": "\(interval)"])
        while !Task.isShuttingDownGracefully {
            for loop in group.makeIterator() {
                try? await loop.submit {}.get()
            }
            notifier.watchdog()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
    }
}

/// The first to hear of a graceful stop (put it last in the service group): marks the daemon as
/// not ready and tells systemd `STOPPING=1`, before the listener starts saying goodbye.
public struct StopAnnouncer: Service {
    let readiness: DaemonReadiness
    let notifier: SystemdNotifier
    let logger: Logger

    public init(readiness: DaemonReadiness, notifier: SystemdNotifier, logger: Logger) {
        self.readiness = readiness
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        try? await gracefulShutdown()
        readiness.markStopping()
        notifier.stopping()
        logger.debug("stopping: not ready any more")
    }
}
