import CivicCore
import Foundation

/// The shipped catalogue, loaded once (the fuzzer runs from the repository root or Fuzz/).
let catalogue: Catalogue? = {
    for directory in ["intents", "../intents"] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
        let sources = names.filter(CatalogueSource.isCatalogueFile).sorted().compactMap { name -> CatalogueSource? in
            guard let text = try? String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8) else { return nil }
            return CatalogueSource(name: name, text: text)
        }
        if let catalogue = try? CatalogueLoader.load(sources) { return catalogue }
    }
    return nil
}()

/// One input drives five targets: the PROXY header decoder, the line decoder (the bytes split at a point the input
/// chooses), the normaliser and the JSON escaping (every decoded line, each checked against its
/// reference: the general fold rule, a JSON parser), and a whole session (every line, with storage
/// answering "failed" so forms keep going), and a second session over the first line stretched
/// to 4,096 bytes. Any trap or sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)

    var whole = LineDecoder(maxLineBytes: 256)
    let lines = whole.feed(bytes)
    var pieces = LineDecoder(maxLineBytes: 256)
    let splitLines = pieces.feed(bytes[..<split]) + pieces.feed(bytes[split...])
    precondition(lines == splitLines, "the decoder depends on how bytes are split")

    // The PROXY header decoder: total, bounded, and a header in a prefix is the header of the whole.
    let proxy = ProxyHeaderDecoder.decode(bytes)
    if case .header(_, let length) = proxy {
        precondition(length <= bytes.count && ProxyHeaderDecoder.decode(bytes[..<length]) == proxy, "a header depends on the bytes after it")
    }
    if case .needMore = proxy { precondition(bytes.count < ProxyHeaderDecoder.maxV2Bytes, "the header read is unbounded") }

    var session = Session()
    let time = SessionTime(today: CalendarDay(year: 2026, month: 11, day: 21), uptimeNanoseconds: 0)
    _ = session.start(at: time)
    for line in lines {
        if case .text(let text) = line {
            precondition(text.utf8.count <= 256)
            let folded = TextNormalizer.fold(text)
            precondition(!folded.hasPrefix(" ") && !folded.hasSuffix(" "))
            precondition(folded == TextNormalizer.referenceFold(text), "the fold's fast path differs from the general rule")
            let json = ReplyRenderer.jsonString(text)
            precondition(!json.unicodeScalars.contains(where: ReplyRenderer.isUnsafeForTerminal))
            let decoded = try? JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
            precondition(decoded?.first.map { Array($0.unicodeScalars) } == Array(text.unicodeScalars), "JSON escaping lost a character")
            _ = TextNormalizer.tokens(text).map(TextNormalizer.stem)
            _ = LanguageDetector.detect(text)
        }
        guard let catalogue else { continue }
        let actions = step(&session, line, catalogue: catalogue, at: time)
        for case .reply(let reply, let format, let prompt) in actions {
            _ = ReplyRenderer.render(reply, format: format, prompt: prompt)
        }
        if session.isClosed { break }
    }

    // A second session over a long line: the first decoded line stretched to the daemon's
    // 4,096-byte limit, as it is (many words, or one repeated word) or without its spaces (one
    // long word), as the input's first byte chooses. Run with libFuzzer's -timeout: a line whose
    // understanding is not linear in its length shows up as a timeout. (One line per input: a
    // 4,096-byte step costs milliseconds, which would otherwise dominate the run.)
    guard let catalogue, let first = bytes.first else { return 0 }
    guard let text = lines.lazy.compactMap({ line -> String? in
        if case .text(let text) = line, !text.isEmpty { return text } else { return nil }
    }).first else { return 0 }
    let shape = first & 1 == 0 ? text : text.replacingOccurrences(of: " ", with: "")
    guard !shape.isEmpty else { return 0 }
    var long = Session()
    _ = long.start(at: time)
    _ = step(&long, .text(stretch(shape, toBytes: Limits().maxLineBytes)), catalogue: catalogue, at: time)
    return 0
}

/// One line through `session` as the daemon runs it: a long line understood (here, at once) and
/// adopted; storage answering "failed" so forms keep going.
func step(_ session: inout Session, _ line: InboundLine, catalogue: Catalogue, at time: SessionTime) -> [SessionAction] {
    var actions = session.receive(line, catalogue: catalogue, at: time)
    while true {
        if case .understandElsewhere(let long, let ticket)? = actions.last {
            let understood = session.understand(long, ticket: ticket, catalogue: catalogue, at: time)
            actions += session.adopt(understood, catalogue: catalogue, at: time)
        } else if case .store? = actions.last {
            actions += session.complete(.failed, catalogue: catalogue, at: time)
        } else {
            return actions
        }
    }
}

/// `text` repeated (separated by a space) up to at most `limit` UTF-8 bytes, cut at a character.
func stretch(_ text: String, toBytes limit: Int) -> String {
    var result = ""
    var bytes = 0
    outer: while true {
        for character in text + " " {
            let size = String(character).utf8.count
            if bytes + size > limit { break outer }
            result.append(character)
            bytes += size
        }
    }
    return result
}

/// SwiftPM links an executable's entry point as `<Module>_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("CivicFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
