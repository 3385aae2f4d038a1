/// Where an overlay shows one hair's id: the same id as the per-hair table's `hair_id`.
public struct OverlayLabel: Sendable, Equatable {
    public var hairID: Int
    /// Top-left corner of the id text, in image pixels.
    public var x: Int
    public var y: Int

    public init(hairID: Int, x: Int, y: Int) {
        self.hairID = hairID; self.x = x; self.y = y
    }
}
