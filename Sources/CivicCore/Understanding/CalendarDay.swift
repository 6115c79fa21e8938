/// A date without a time, as deadlines are given. Pure arithmetic, no calendar objects.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when it is not a real date.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `daysSinceEpoch` days after 1970-01-01 (civil_from_days).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public func adding(days: Int) -> CalendarDay {
        CalendarDay(daysSinceEpoch: daysSinceEpoch + days)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Rendering

    private static let polishMonths = [
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
        "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
    ]
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// Ukrainian months in the genitive, as a date says them ("17 травня 2023").
    private static let ukrainianMonths = [
        "січня", "лютого", "березня", "квітня", "травня", "червня",
        "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
    ]

    /// "17 maja 2023" / "17 May 2023" / "17 травня 2023".
    public func rendered(in language: Language) -> String {
        switch language {
        case .pl: return "\(day) \(Self.polishMonths[month - 1]) \(year)"
        case .en: return "\(day) \(Self.englishMonths[month - 1]) \(year)"
        case .uk: return "\(day) \(Self.ukrainianMonths[month - 1]) \(year)"
        }
    }

    /// "grudnia 2020" / "December 2020" / "грудня 2020": the month and year of this day.
    public func renderedMonth(in language: Language) -> String {
        switch language {
        case .pl: return "\(Self.polishMonths[month - 1]) \(year)"
        case .en: return "\(Self.englishMonths[month - 1]) \(year)"
        case .uk: return "\(Self.ukrainianMonths[month - 1]) \(year)"
        }
    }

    /// How this day stands against `today`: "termin minął" / "this date has passed" / "термін минув",
    /// "dziś" / "today" / "сьогодні", "za 5 dni" / "in 5 days" / "через 5 днів".
    public func relative(to today: CalendarDay, in language: Language) -> String {
        let days = daysSinceEpoch - today.daysSinceEpoch
        switch (language, days) {
        case (.pl, ..<0): return "termin minął"
        case (.en, ..<0): return "this date has passed"
        case (.pl, 0): return "to dziś"
        case (.en, 0): return "that is today"
        case (.pl, 1): return "jutro"
        case (.en, 1): return "tomorrow"
        case (.pl, _): return "za \(days) dni"
        case (.en, _): return "in \(days) days"
        case (.uk, ..<0): return "термін минув"
        case (.uk, 0): return "це сьогодні"
        case (.uk, 1): return "завтра"
        case (.uk, _): return "через \(days) \(Self.ukrainianDays(days))"
        }
    }

    /// "день", "дні" or "днів", as Ukrainian counts them: 1 день, 2–4 дні, 5–20 днів, 21 день, 22 дні…
    static func ukrainianDays(_ count: Int) -> String {
        let lastTwo = count % 100
        let last = count % 10
        if (11...14).contains(lastTwo) { return "днів" }
        switch last {
        case 1: return "день"
        case 2, 3, 4: return "дні"
        default: return "днів"
        }
    }
}
