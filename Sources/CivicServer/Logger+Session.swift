import CivicCore
import Logging

/// The log lines about a conversation. Never the resident's text: the session says what may be
/// logged of a line (``LineLog``), and of a reply only its intent, confidence and error code.
extension Logger {
    /// At trace level: a line's kind, length, command name, and of a question the catalogue's
    /// words in it and the intent it was answered with.
    func line(_ line: LineLog) {
        var metadata: Metadata = ["kind": "\(line.kind.rawValue)", "bytes": "\(line.bytes)"]
        if let command = line.command { metadata["command"] = "\(command)" }
        if line.kind == .question {
            metadata["known_words"] = "\(line.knownWords.joined(separator: " "))"
            metadata["intent"] = "\(line.intent?.rawValue ?? "-")"
            metadata["confidence"] = "\(line.confidence.map { ReplyRenderer.formatConfidence($0) } ?? "-")"
        }
        trace("line received", metadata: metadata)
    }

    /// At debug level: what each reply was.
    func reply(_ reply: Reply) {
        guard logLevel <= .debug else { return }
        debug("reply", metadata: [
            "intent": "\(reply.intent?.rawValue ?? "-")",
            "confidence": "\(reply.confidence.map { ReplyRenderer.formatConfidence($0) } ?? "-")",
            "error": "\(reply.error?.rawValue ?? "-")",
        ])
    }
}
