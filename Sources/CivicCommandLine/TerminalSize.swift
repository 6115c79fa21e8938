#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The width of the terminal standard output is on, in columns; nil when it is not a terminal
/// (a pipe, a file) or the size cannot be told. Asked each time: the terminal may be resized.
public func terminalColumns() -> Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1 else { return nil }
    return Int(size.ws_col)
}
