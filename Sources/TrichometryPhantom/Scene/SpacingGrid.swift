/// Answers "is any placed point closer than `spacing`?" in constant time, so laying out thousands of
/// follicles (large frames, coarse scales) stays fast. Cells are `spacing` wide; a query looks at
/// the 3×3 cells around the point.
struct SpacingGrid {
    private let origin: Point
    private let spacing: Double
    private let columns: Int
    private let rows: Int
    private var cells: [[Point]]

    init(origin: Point, width: Double, height: Double, spacing: Double) {
        self.origin = origin
        self.spacing = max(1e-6, spacing)
        // Cap the grid's size; beyond that cells just hold more points.
        let cellSize = max(self.spacing, (width * height / 4_000_000).squareRoot())
        columns = max(1, Int(width / cellSize) + 1)
        rows = max(1, Int(height / cellSize) + 1)
        cellWidth = cellSize
        cells = [[Point]](repeating: [], count: columns * rows)
    }

    private let cellWidth: Double

    private func cell(_ p: Point) -> (Int, Int) {
        let i = Int(((p.x - origin.x) / cellWidth).rounded(.down))
        let j = Int(((p.y - origin.y) / cellWidth).rounded(.down))
        return (max(0, min(columns - 1, i)), max(0, min(rows - 1, j)))
    }

    mutating func insert(_ p: Point) {
        let (i, j) = cell(p)
        cells[j * columns + i].append(p)
    }

    func hasPoint(near p: Point) -> Bool {
        let (i, j) = cell(p)
        let limit2 = spacing * spacing
        for jj in max(0, j - 1)...min(rows - 1, j + 1) {
            for ii in max(0, i - 1)...min(columns - 1, i + 1) {
                for q in cells[jj * columns + ii] {
                    let d = q - p
                    if d.x * d.x + d.y * d.y < limit2 { return true }
                }
            }
        }
        return false
    }
}
