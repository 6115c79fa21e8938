/// An organiser's interview note as the form hands it to storage.
public struct InterviewNoteDraft: Sendable, Equatable {
    public var organiserID: Int64
    public var district: String
    public var date: CalendarDay
    public var topic: String
    public var concerns: String
    public var recontact: Bool
    public var recontactHow: String?

    public init(organiserID: Int64, district: String, date: CalendarDay, topic: String, concerns: String, recontact: Bool, recontactHow: String?) {
        self.organiserID = organiserID
        self.district = district
        self.date = date
        self.topic = topic
        self.concerns = concerns
        self.recontact = recontact
        self.recontactHow = recontactHow
    }
}
