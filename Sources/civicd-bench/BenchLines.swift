import ArgumentParser
import CivicCore
import CivicSetup
import Foundation

extension Bench {
    /// The worst case of one line: how long understanding and answering a 4,096-byte line of each
    /// shape takes (the whole session step, as a connection runs it, without the cache).
    struct Lines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Worst-case cost of one 4,096-byte line of each shape (one word, many words, repeated word, random letters)."
        )

        @Option(help: ArgumentHelp("The intents directory.", valueName: "DIR"))
        var intents = "intents"

        @Option(help: "Bytes per line.") var bytes = 4096
        @Option(help: "Lines timed per shape (each one different).") var iterations = 20

        func run() async throws {
            let catalogue = try CatalogueFiles.load(directory: intents).withUnderstandingCache(capacity: 0)
            var generator = SystemRandomNumberGenerator()
            let letters = Array("abcdefghijklmnopqrstuvwxyząęółśżźćń")
            func randomWord(_ length: Int) -> String { String((0..<length).map { _ in letters.randomElement(using: &generator)! }) }
            func fit(_ text: String) -> String {
                var result = ""
                for character in text {
                    guard result.utf8.count + String(character).utf8.count <= bytes else { break }
                    result.append(character)
                }
                return result
            }
            let shapes: [(String, () -> String)] = [
                ("one word", { fit(String(repeating: "a", count: bytes - 8) + randomWord(8)) }),
                ("one random word", { fit(randomWord(bytes)) }),
                ("many words", { fit((0..<bytes).map { _ in randomWord(Int.random(in: 3...12)) }.joined(separator: " ")) }),
                ("repeated word", { fit(String(repeating: "zapisz" + randomWord(1) + " ", count: bytes / 7)) }),
                ("random letters", { fit(String((0..<bytes).map { _ in Bool.random() && Bool.random() ? " " : letters.randomElement(using: &generator)! })) }),
                ("words of 30 letters", { fit((0..<bytes).map { _ in randomWord(30) }.joined(separator: " ")) }),
            ]
            print("shape                  bytes  p50_ms   max_ms")
            for (name, make) in shapes {
                var times: [Double] = []
                for _ in 0..<iterations {
                    let line = make()
                    var session = Session()
                    let time = SessionTime(today: CalendarDay(year: 2026, month: 11, day: 20), uptimeNanoseconds: 0)
                    _ = session.start(at: time)
                    let start = ContinuousClock.now
                    // The work of the line itself, wherever the daemon runs it (long lines off the event loop).
                    _ = session.understand(.text(line), ticket: 1, catalogue: catalogue, at: time)
                    times.append(Load.milliseconds(ContinuousClock.now - start))
                    precondition(line.utf8.count <= bytes)
                }
                times.sort()
                print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: " %5d  %6.2f  %7.2f", bytes, times[times.count / 2], times.last ?? 0))
            }
        }
    }
}
