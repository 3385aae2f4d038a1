import Foundation

/// Runs a batch on `workers` threads and appends each image's rows in input order, as soon as
/// every earlier image is done. At most `2 × workers` images are claimed but not yet written, so
/// memory stays bounded whatever the batch size and however slow one image is.
public final class BatchRunner {
    public let jobs: [BatchJob]
    public let workers: Int
    private let summary: TableWriter
    private let hairs: TableWriter?
    private let units: TableWriter?

    private let condition = NSCondition()
    private var nextToClaim = 0
    private var nextToWrite = 0
    private var finished: [Int: ImageReport] = [:]
    private var outcomes: [BatchOutcome] = []
    private var writeError: TableError?

    public init(jobs: [BatchJob], workers: Int, summary: TableWriter, hairs: TableWriter?, units: TableWriter?) {
        self.jobs = jobs
        self.workers = max(1, workers)
        self.summary = summary
        self.hairs = hairs
        self.units = units
    }

    /// Runs every job. `onOutcome` is called once per image, in input order, with the number done
    /// so far, serialised (never concurrently). Throws when a table cannot be written; rows already
    /// written stay valid.
    public func run(onOutcome: @escaping (BatchOutcome, Int) -> Void) throws(TableError) -> [BatchOutcome] {
        let threadCount = min(workers, max(1, jobs.count))
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<threadCount {
            let thread = Thread { [self] in
                work(onOutcome: onOutcome)
                done.signal()
            }
            // The pipeline may hold several large planes on the stack frames of deep calls.
            thread.stackSize = 16 << 20
            thread.start()
        }
        for _ in 0..<threadCount { done.wait() }
        if let writeError { throw writeError }
        return outcomes
    }

    private func work(onOutcome: (BatchOutcome, Int) -> Void) {
        let window = 2 * workers
        while true {
            condition.lock()
            while writeError == nil && nextToClaim < jobs.count && nextToClaim >= nextToWrite + window {
                condition.wait()
            }
            guard writeError == nil, nextToClaim < jobs.count else {
                condition.unlock()
                return
            }
            let index = nextToClaim
            nextToClaim += 1
            condition.unlock()

            let report = ImageProcessor.process(jobs[index])

            condition.lock()
            finished[index] = report
            flushInOrder(onOutcome: onOutcome)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Appends every finished report that has no unfinished one before it. Called with the lock held.
    private func flushInOrder(onOutcome: (BatchOutcome, Int) -> Void) {
        while writeError == nil, let report = finished.removeValue(forKey: nextToWrite) {
            do {
                // The summary row goes last: its presence marks the image complete for --resume.
                try hairs?.append(report.hairRows)
                try units?.append(report.unitRows)
                try summary.append([report.summaryRow])
            } catch {
                writeError = error
                return
            }
            nextToWrite += 1
            outcomes.append(report.outcome)
            onOutcome(report.outcome, nextToWrite)
        }
    }
}
