/// A name written in `intents/` that code refers to: string-backed, literal-expressible,
/// ordered and printed as its text. ``IntentID`` and ``FactPath`` are the two.
public protocol CatalogueIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible where RawValue == String {
    init(rawValue: String)
}

extension CatalogueIdentifier {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An intent's id, as written in `intents/` and sent in the JSON `intent` field. The ids code
/// depends on are constants declared next to that code (``IntentID/signup`` in the session,
/// ``IntentID/fallback`` in the matcher …), and the loader refuses a catalogue that lacks any
/// of ``IntentID/required``.
public struct IntentID: CatalogueIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A fact's dotted path in `intents/facts.yml` (`privacy.version`). The paths code reads are
/// constants declared next to that code; the loader refuses a catalogue without them.
public struct FactPath: CatalogueIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

extension IntentID {
    /// The intents every catalogue must have: the protocol documents each as a value of the
    /// JSON `intent` field (docs/PROTOCOL.md), and clients such as the kiosk rely on them.
    public static let required: [IntentID] = [
        .greeting, .help, .join, .signup, .deadlines, .contact, .about, .services, .cost,
        .listeningCampaign, .job, .funding, .interviewNote, .progress, .privacy, .human,
        .goodbye, .thanks, .fallback,
    ]

    // Answered from intents/ alone; no code reads them, but the protocol names them.
    public static let help: IntentID = "help"
    public static let deadlines: IntentID = "deadlines"
    public static let contact: IntentID = "contact"
    public static let about: IntentID = "about"
    public static let services: IntentID = "services"
    public static let cost: IntentID = "cost"
    public static let listeningCampaign: IntentID = "listening_campaign"
    public static let job: IntentID = "job"
    public static let funding: IntentID = "funding"
    /// What the matcher answers when nothing in the catalogue fits.
    public static let fallback: IntentID = "fallback"
}
