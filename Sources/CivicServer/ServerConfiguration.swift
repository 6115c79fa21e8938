import CivicCore
import NIOPosix
import NIOSSL

/// Everything the listener needs, already validated: the command line builds it from
/// `config/civicd.yml` and flags; tests build it directly.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 asks the system for a free port (tests); the bound address is reported on start.
    public var port: Int
    public var limits: Limits
    public var tls: TLSConfiguration
    /// Today's date where the programmes are (Europe/Warsaw); injected so tests can fix it.
    public var today: @Sendable () -> CalendarDay
    /// Seconds the graceful stop waits for sessions to close before it stops waiting.
    public var shutdownGraceSeconds: Double
    /// Tokens kiosk terminals identify with (`/kiosk TOKEN`).
    public var kioskTokens: [String]
    /// The programme whose centre the kiosks stand in (`kiosk.centre`), a topic id.
    public var kioskCentre: String?
    /// Where long lines are understood, off the event loops (see ``Limits/offLoopLineBytes``).
    public var understandingPool: NIOThreadPool
    /// Keep the lines the catalogue did not answer well for staff's review (`review.keep_unanswered`).
    public var keepUnanswered: Bool
    /// The language a question written in Russian is answered in (`languages.russian_reply`).
    public var russianReply: Language
    /// Connections come through a TCP proxy that sends a PROXY header (`proxy_protocol`); nil
    /// (the default): each connection's own address is the resident's.
    public var proxyProtocol: ProxyProtocolConfiguration?

    public init(
        host: String = "127.0.0.1",
        port: Int = 7443,
        limits: Limits = Limits(),
        tls: TLSConfiguration,
        today: @escaping @Sendable () -> CalendarDay,
        shutdownGraceSeconds: Double = 3,
        kioskTokens: [String] = [],
        kioskCentre: String? = nil,
        understandingPool: NIOThreadPool = .singleton,
        keepUnanswered: Bool = false,
        russianReply: Language = .uk,
        proxyProtocol: ProxyProtocolConfiguration? = nil
    ) {
        self.proxyProtocol = proxyProtocol
        self.russianReply = russianReply
        self.keepUnanswered = keepUnanswered
        self.understandingPool = understandingPool
        self.kioskTokens = kioskTokens
        self.kioskCentre = kioskCentre
        self.host = host
        self.port = port
        self.limits = limits
        self.tls = tls
        self.today = today
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }
}
