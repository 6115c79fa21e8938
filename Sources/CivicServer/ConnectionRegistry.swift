import NIOConcurrencyHelpers
import NIOCore

/// Counts and tracks open connections, in total and per peer address, so the server can refuse
/// beyond its limits and say goodbye to everyone when it stops. Shared by all event loops.
final class ConnectionRegistry: Sendable {
    enum Admission: Equatable {
        case admitted(id: UInt64)
        case refused(id: UInt64)
    }

    private struct State {
        var nextID: UInt64 = 1
        var channels: [UInt64: Channel] = [:]
        var perPeer: [String: Int] = [:]
        var accepting = true
        var closedSinceTrim = 0
    }

    private let state = NIOLockedValueBox(State())
    private let maxConnections: Int
    private let maxPerPeer: Int

    init(maxConnections: Int, maxPerPeer: Int) {
        self.maxConnections = maxConnections
        self.maxPerPeer = maxPerPeer
    }

    /// Admits a new connection from `peer`, or refuses it when a limit is reached or the server is stopping.
    func admit(_ channel: Channel, peer: String) -> Admission {
        state.withLockedValue { state in
            let id = state.nextID
            state.nextID += 1
            guard state.accepting,
                  state.channels.count < maxConnections,
                  state.perPeer[peer, default: 0] < maxPerPeer
            else { return .refused(id: id) }
            state.channels[id] = channel
            state.perPeer[peer, default: 0] += 1
            return .admitted(id: id)
        }
    }

    /// Forgets an admitted connection.
    func release(id: UInt64, peer: String) {
        state.withLockedValue { state in
            guard state.channels.removeValue(forKey: id) != nil else { return }
            state.closedSinceTrim += 1
            let remaining = state.perPeer[peer, default: 1] - 1
            state.perPeer[peer] = remaining > 0 ? remaining : nil
        }
    }

    var count: Int { state.withLockedValue { $0.channels.count } }

    /// Connections closed since memory was last trimmed (see ``CivicServer``).
    var closedSinceTrim: Int { state.withLockedValue { $0.closedSinceTrim } }

    func noteTrimmed() { state.withLockedValue { $0.closedSinceTrim = 0 } }

    /// Stops admitting and returns every open connection.
    func stopAccepting() -> [Channel] {
        state.withLockedValue { state in
            state.accepting = false
            return Array(state.channels.values)
        }
    }
}
