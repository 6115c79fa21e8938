import NIOConcurrencyHelpers
import NIOCore

/// Counts and tracks open connections, in total and per peer address, so the server can refuse
/// beyond its limits and say goodbye to everyone when it stops. Shared by all event loops.
///
/// Per address, connections still in the TLS handshake and established sessions are counted
/// apart, each up to `maxPerPeer`: silent sockets cannot take the places of a citizen centre's
/// sessions behind one NAT address. A new handshake beyond the cap closes that address's oldest
/// one still handshaking instead of being refused, so the silent sockets go first. Identified
/// kiosks do not count towards their address's cap.
final class ConnectionRegistry: Sendable {
    enum Admission {
        /// Admitted; `evicting` is the same address's oldest unfinished handshake, to be closed.
        case admitted(id: UInt64, evicting: Channel?)
        case refused(id: UInt64)
    }

    private enum Kind {
        case handshaking, established, exempt, refused
    }

    private struct State {
        var nextID: UInt64 = 1
        var channels: [UInt64: Channel] = [:]
        var kinds: [UInt64: Kind] = [:]
        /// Per address: the connections still handshaking, oldest first.
        var handshaking: [String: [UInt64]] = [:]
        /// Per address: established sessions that count towards the cap.
        var established: [String: Int] = [:]
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

    /// Admits a new connection from `peer` as handshaking, or refuses it when the server is full
    /// or stopping.
    func admit(_ channel: Channel, peer: String) -> Admission {
        state.withLockedValue { state in
            let id = state.nextID
            state.nextID += 1
            var evicting: Channel?
            if state.handshaking[peer, default: []].count >= maxPerPeer, let oldest = state.handshaking[peer]?.first {
                state.handshaking[peer]?.removeFirst()
                state.kinds[oldest] = nil
                evicting = state.channels.removeValue(forKey: oldest)
                if evicting != nil { state.closedSinceTrim += 1 }
            }
            guard state.accepting, state.channels.count < maxConnections else { return .refused(id: id) }
            state.channels[id] = channel
            state.kinds[id] = .handshaking
            state.handshaking[peer, default: []].append(id)
            return .admitted(id: id, evicting: evicting)
        }
    }

    /// The handshake finished: the connection becomes a session of its address, or is refused
    /// (false) when the address has `maxPerPeer` sessions already. A refused one stays tracked
    /// until it closes.
    func establish(id: UInt64, peer: String) -> Bool {
        state.withLockedValue { state in
            guard state.kinds[id] == .handshaking else { return false }
            Self.removeHandshaking(id, peer: peer, &state)
            guard state.established[peer, default: 0] < maxPerPeer else {
                state.kinds[id] = .refused
                return false
            }
            state.established[peer, default: 0] += 1
            state.kinds[id] = .established
            return true
        }
    }

    /// An identified kiosk: it no longer counts towards its address's cap.
    func exemptFromPeerCap(id: UInt64, peer: String) {
        state.withLockedValue { state in
            guard state.kinds[id] == .established else { return }
            state.kinds[id] = .exempt
            Self.decrementEstablished(peer, &state)
        }
    }

    /// Forgets an admitted connection.
    func release(id: UInt64, peer: String) {
        state.withLockedValue { state in
            guard state.channels.removeValue(forKey: id) != nil else { return }
            state.closedSinceTrim += 1
            switch state.kinds.removeValue(forKey: id) {
            case .handshaking: Self.removeHandshaking(id, peer: peer, &state)
            case .established: Self.decrementEstablished(peer, &state)
            case .exempt, .refused, nil: break
            }
        }
    }

    private static func removeHandshaking(_ id: UInt64, peer: String, _ state: inout State) {
        state.handshaking[peer]?.removeAll { $0 == id }
        if state.handshaking[peer]?.isEmpty == true { state.handshaking[peer] = nil }
    }

    private static func decrementEstablished(_ peer: String, _ state: inout State) {
        let remaining = state.established[peer, default: 1] - 1
        state.established[peer] = remaining > 0 ? remaining : nil
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
