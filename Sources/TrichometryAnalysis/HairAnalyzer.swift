import TrichometryImageIO

/// The pipeline's single entry point. No file I/O happens here.
///
/// Stages, each in its own folder: FieldMask → Illumination → ShaftDetection → Tracing → Measurement →
/// Classification → FollicularUnits → Metrics. See `Docs/Pipeline.md`.
public enum HairAnalyzer {
    /// Finds, measures and classifies every hair shaft in `image` (gray or RGB, 8-bit).
    public static func analyze(_ image: RasterImage, calibration: Calibration,
                               options: AnalysisOptions = AnalysisOptions()) -> ImageAnalysis {
        var ignored = StageTimings()
        return analyze(image, calibration: calibration, options: options, timings: &ignored)
    }

    /// The same analysis, recording the wall time of each stage in `timings`.
    public static func analyze(_ image: RasterImage, calibration: Calibration, options: AnalysisOptions,
                               timings: inout StageTimings) -> ImageAnalysis {
        var clock = StageClock()
        let w = image.width, h = image.height, n = w * h
        let umPerPx = calibration.micronsPerPixel ?? options.assumedMicronsPerPixelWhenUncalibrated
        guard w >= 8 && h >= 8 else {
            return ImageAnalysis(width: w, height: h, calibration: calibration, fieldMask: [UInt8](repeating: 0, count: n),
                                 analyzedAreaPixels: 0, analyzedAreaCm2: calibration.isCalibrated ? 0 : nil,
                                 hairMask: [UInt8](repeating: 0, count: n), hairs: [], units: [], metrics: ImageMetrics())
        }

        // 1. Field mask.
        let planes = ColorPlanes(image)
        let field = FieldMaskDetector.detect(planes, micronsPerPixel: umPerPx).mask
        let areaPixels = field.countSet()
        let areaCm2 = calibration.micronsPerPixel.map { Double(areaPixels) * $0 * $0 * 1e-8 }

        timings.fieldMask = clock.lap()

        // 2. Illumination.
        var flat = IlluminationFlattener.flatten(luminance: planes.luminance, field: field, micronsPerPixel: umPerPx)
        // Grey and white hairs by the skin's redness they take away (nil for grey-scale or too neutral skin).
        let unpigmented = UnpigmentedContrast.flatten(redMinusBlue: planes.redMinusBlue, field: field, micronsPerPixel: umPerPx)

        timings.illumination = clock.lap()

        // 3. Shaft detection, dark and light.
        let scales = RidgeDetector.scales(micronsPerPixel: umPerPx)
        let thresholds = ShaftSegmenter.Thresholds()
        // Holes smaller than a ~30 µm disc inside a shaft mask are noise; larger ones are skin between hairs.
        // Half the widest shaft plus the blur: the reach of the local half-maximum threshold.
        let shaftRadius = max(3, Int((80 / umPerPx).rounded()) + 3)
        let maxHole = max(16, Int((30 / umPerPx) * (30 / umPerPx)))
        var lightThresholds = thresholds
        lightThresholds.seedScore *= 1.3
        lightThresholds.minimumContrast *= 1.6
        // The line responses and the dark mask's dilations are image-sized: they go out of scope (and memory)
        // before the colour pass below allocates its planes.
        let darkMask: ByteMask, fainterMask: ByteMask, lightMask: ByteMask
        do {
            let ridges = RidgeDetector.detect(darkness: flat.darkness, field: field, scales: scales)
            darkMask = ShaftSegmenter.segment(score: ridges.darkScore, darkness: flat.darkness, field: field,
                                              noise: flat.noise, polarity: 1, thresholds: thresholds, maxHoleArea: maxHole, shaftRadius: shaftRadius)
            // Fainter shafts beside darker ones (a grey hair against a black one in the same opening, a vellus
            // hair along a terminal one) fall below the darker shaft's half-maximum. A second pass looks for them
            // with the first pass's shafts, and their blurred edges, taken out.
            // Both dilations of the dark mask come from one pass (`DiscDilation`).
            let darkDilations = ShaftSegmenter.dilated(darkMask, radii: [3, 2.5])
            let darkCore = darkDilations[0]
            var residual = flat.darkness
            for i in 0..<n where darkCore.bits[i] != 0 { residual.samples[i] = 0 }
            fainterMask = ShaftSegmenter.segment(score: ridges.darkScore, darkness: residual, field: field,
                                                 noise: flat.noise, polarity: 1, thresholds: thresholds, maxHoleArea: maxHole,
                                                 shaftRadius: shaftRadius, exclude: darkCore)
            lightMask = ShaftSegmenter.segment(score: ridges.lightScore, darkness: flat.darkness, field: field,
                                               noise: flat.noise, polarity: -1, thresholds: lightThresholds, maxHoleArea: maxHole,
                                               shaftRadius: shaftRadius, exclude: darkDilations[1])
        }

        // Unpigmented shafts (grey and white hairs), by the skin's redness they take away (see
        // `UnpigmentedContrast`), where the passes above found no pigmented or light shaft.
        var unpigmentedMask: ByteMask? = nil
        if let unpigmented {
            unpigmentedMask = UnpigmentedContrast.shaftMask(unpigmented, field: field, darkMask: darkMask, fainterMask: fainterMask,
                                                            darkness: flat.darkness, lightMask: lightMask, micronsPerPixel: umPerPx,
                                                            thresholds: lightThresholds, maxHoleArea: maxHole, shaftRadius: shaftRadius)
        }

        timings.shaftDetection = clock.lap()

        // 4. Tracing.
        var paths: [ShaftPath] = []
        // The gap evidence reads the darkness plane, which measurement turns into the transmission in place:
        // it goes out of scope first, or that plane would be copied.
        do {
            // One set of skeleton-graph buffers for the four masks (each image-sized, 5 B/px: fresh ones are
            // faulted in page by page).
            var scratch = SkeletonGraph.Scratch(count: n)
            let evidence = GapEvidence(darkness: flat.darkness, field: field, colourTransmission: unpigmented?.transmission)
            let luminanceContrast = PieceContrast(evidence: evidence, inColour: false)
            paths += trace(darkMask, polarity: .darker, contrast: luminanceContrast, scratch: &scratch)
            paths += trace(fainterMask, polarity: .darker, contrast: luminanceContrast, scratch: &scratch).map { var p = $0; p.besideDarkerShaft = true; return p }
            paths += trace(lightMask, polarity: .lighter, contrast: luminanceContrast, scratch: &scratch)
            if let unpigmentedMask {
                paths += trace(unpigmentedMask, polarity: .lighter, contrast: PieceContrast(evidence: evidence, inColour: true),
                               scratch: &scratch).map { var p = $0; p.unpigmented = true; return p }
            }
            // Pieces of one hair found by different passes (a faint stretch beside a darker hair) join up too,
            // and so do pieces hidden from each other under other shafts (any pass's mask occludes). Here the
            // gap must also show the shaft (see `GapEvidence`).
            var occluders = darkMask
            occluders.bits.withUnsafeMutableBufferPointer { o in
                fainterMask.bits.withUnsafeBufferPointer { f in
                    lightMask.bits.withUnsafeBufferPointer { l in
                        for i in 0..<o.count { o[i] |= f[i] | l[i] }
                        unpigmentedMask?.bits.withUnsafeBufferPointer { u in
                            for i in 0..<o.count { o[i] |= u[i] }
                        }
                    }
                }
            }
            // A hair's pieces stop short of the shaft lying over them: the fainter and lighter passes leave the
            // dark masks out with a margin (`darkDilations`), and the shaft's blurred edge lies outside its own
            // half-maximum mask. Counted as open, that stretch on either side made a thin hair's gap too long
            // to be hidden; the occluders reach out by the margin plus a pixel of edge.
            occluders = ShaftSegmenter.dilated(occluders, radius: occluderReach)
            paths = CrossingResolver.joinCollinearPieces(paths, occluders: occluders, evidence: evidence)
        }

        timings.tracing = clock.lap()

        // 5. Measurement.
        // The darkness plane becomes the transmission in place: measurement is its last reader, and a second
        // image-sized plane here would be the analysis' memory peak.
        var transmission = flat.darkness
        flat.darkness = FloatPlane(width: 0, height: 0)
        transmission.samples.withUnsafeMutableBufferPointer { t in
            for i in 0..<t.count { t[i] = 1 - t[i] }
        }
        let edgeDistance = distanceToEdge(field)
        var measurer = ShaftMeasurer(transmission: transmission, distanceToEdge: edgeDistance, noise: Double(flat.noise))
        measurer.calibrateBlur(from: paths.filter { !$0.unpigmented })
        // Unpigmented shafts are measured in the plane they were found in (their luminance may show only
        // their edges); its blur is the colour's own (JPEG halves the colour resolution).
        var colourMeasurer: ShaftMeasurer? = nil
        if let unpigmented {
            var m = ShaftMeasurer(transmission: unpigmented.transmission, distanceToEdge: edgeDistance, noise: Double(unpigmented.noise))
            // The optics' blur in this plane, from the pigmented shafts, which lose the skin's redness too (a
            // brown hair redder than the skin shows the wrong sign there and is not used). Without such shafts
            // (an all-grey scalp) the luminance's blur and shape stand in for the profile fits, and no shaft is
            // judged too soft (`isBelowSkin`).
            m.blurSigma = measurer.blurSigma
            m.shape = measurer.shape
            m.calibrateBlur(from: paths.filter { $0.polarity == .darker && !$0.besideDarkerShaft }.map { var p = $0; p.polarity = .lighter; return p })
            colourMeasurer = m
        }
        let minLengthPx = options.minimumHairLengthMicrons / umPerPx
        var measured: [ShaftMeasurer.Measurement] = []
        var wedges = 0
        for path in paths where Double(path.points.count) >= 0.5 * minLengthPx {
            let pathMeasurer = path.unpigmented ? colourMeasurer! : measurer
            guard var m = pathMeasurer.measure(path, imageWidth: w, imageHeight: h) else { continue }
            guard accept(m, minLengthPx: minLengthPx) else { continue }
            guard hasPlausibleWidth(m, micronsPerPixel: umPerPx) else { continue }
            // The line's own cross-section (free blur), fitted once for the questions that need it.
            let shading = ShadingTest.isShading(m, image: image)
            let own = shading || ShaftMeasurer.isFaintDarkLine(m) || pathMeasurer.mayBeUnresolvedBlur(m)
                ? pathMeasurer.ownCrossSection(of: m) : nil
            // A line that darkens the skin without changing its hue is shading, unless it shows an object's
            // sharp edges: a grey stub is as neutral as a furrow.
            if shading && !(own.map(pathMeasurer.showsSharpEdges) ?? false) { continue }
            guard !pathMeasurer.isUnresolvedBlur(m, own: own) else { continue }
            m.faintShading = pathMeasurer.looksLikeFaintShading(m, own: own)
            guard !pathMeasurer.isBelowSkin(m) else { continue }
            guard !RootShadowTest.isRootShadow(m, image: image, measurer: pathMeasurer) else { continue }
            // A bubble's rim (a ring round a disc, often brighter than the skin) is a question for the luminance,
            // whichever plane found the shaft.
            guard !BubbleRimTest.isBubbleRim(m.centerline, halfWidth: 0.5 * m.diameterPixels, lighter: m.path.polarity == .lighter,
                                             transmission: transmission, field: field) else { continue }
            guard !FieldEdgeTest.runsAlongRim(m, distanceToEdge: edgeDistance, width: w, height: h) else { continue }
            let shaft = pathMeasurer.withOwnCrossSection(m)
            // Hairs leaving one opening side by side read as one wide shaft until they part or end, and two leaving
            // it at a narrow angle as one wedge.
            let parts = BundleSplitter.split(shaft, measurer: pathMeasurer, wedgeIdentifier: wedges)
            if parts.contains(where: { $0.wedge == wedges }) { wedges += 1 }
            for part in parts
            where part.lengthPixels >= minLengthPx && part.lengthPixels >= darkShaftElongation * part.diameterPixels {
                measured.append(part)
            }
        }
        // Two hairs lying side by side all along read as one shaft far wider than the image's terminal hairs.
        if let typical = BundleSplitter.typicalWidth(measured, vellusMaxPixels: options.vellusMaxMicrons / umPerPx) {
            let floor = BundleSplitter.sideBySideMinimumMicrons / umPerPx
            measured = measured.flatMap { BundleSplitter.splitSideBySide($0, typicalWidth: typical, minimumWidth: floor) }
        }
        measured = RimPairMerger.merge(measured, transmission: transmission, maxDiameterPixels: Self.widestOuterWidthMicrons / umPerPx)
        measured = RimPairMerger.absorbRims(measured)
        // A translucent shaft with one rim traced: the rim becomes the shaft.
        measured = LoneRimWidener.widen(measured, measurer: measurer, image: image,
                                        maxDiameterPixels: Self.widestOuterWidthMicrons / umPerPx)
        // A faint soft line that is no translucent shaft's rim is a furrow's shading.
        measured.removeAll { $0.faintShading }
        measured = SideLobeTest.absorb(measured)
        measured = suppressDuplicates(measured)
        // A lighter shaft found along its highlight: its colour shows the rest, up to the widest scalp hair (110 µm:
        // wider is two hairs of one colour side by side). After the duplicates: the width read from the colour
        // does not change which detection is which hair.
        measured = ColourExtent.widen(measured, image: image, widestHairPixels: BundleSplitter.sideBySideMinimumMicrons / umPerPx)
        // Reading order, so ids run top to bottom, left to right.
        measured.sort {
            let a = midpoint($0.centerline), b = midpoint($1.centerline)
            return (a.y, a.x) < (b.y, b.x)
        }

        timings.measurement = clock.lap()

        // 6–7. Classification and follicular units.
        let radiusPx = options.follicularUnitRadiusMicrons / umPerPx
        let grouping = FollicularUnitGrouper.group(measured.map {
            FollicularUnitGrouper.Input(start: $0.centerline[0], end: $0.centerline[$0.centerline.count - 1],
                                        startShared: $0.path.startKind != .tip, endShared: $0.path.endKind != .tip,
                                        startTruncated: $0.startTruncated, endTruncated: $0.endTruncated,
                                        centerline: $0.centerline, halfWidth: 0.5 * $0.diameterPixels,
                                        startSoftness: $0.fade(at: $0.centerline[0]),
                                        endSoftness: $0.fade(at: $0.centerline[$0.centerline.count - 1]))
        }, radius: radiusPx)
        var hairs: [Hair] = []
        let tipHidden = measured.indices.map { tipIsHidden(measured[$0].path, emergenceAtStart: grouping.emergenceAtStart[$0]) }
        for (k, m) in measured.enumerated() {
            let lengthUm = calibration.micronsPerPixel.map { m.lengthPixels * $0 }
            let diameterUm = calibration.micronsPerPixel.map { m.diameterPixels * $0 }
            let hairClass = HairClassifier.hairClass(diameterMicrons: m.diameterPixels * umPerPx, options: options)
            let phase = HairClassifier.phase(lengthMicrons: m.lengthPixels * umPerPx,
                                             truncated: m.startTruncated || m.endTruncated || tipHidden[k], options: options)
            var line = m.centerline
            if !grouping.emergenceAtStart[k] { line.reverse() }
            hairs.append(Hair(id: k + 1, centerline: line, midpoint: midpoint(line), lengthPixels: m.lengthPixels,
                              diameterPixels: m.diameterPixels, lengthMicrons: lengthUm, diameterMicrons: diameterUm,
                              hairClass: hairClass, phase: phase, polarity: m.path.polarity,
                              unitID: grouping.unitOfHair[k] + 1, emergence: line[0],
                              truncated: m.startTruncated || m.endTruncated,
                              atJunction: !m.path.crossings.isEmpty || m.path.startKind != .tip || m.path.endKind != .tip))
        }
        if options.effectiveAnagenMinMicrons != nil {
            var phases = hairs.map(\.phase)
            let inferred = HairClassifier.inferCutPhases(lengthsMicrons: hairs.map { $0.lengthPixels * umPerPx },
                                                         truncated: hairs.indices.map { hairs[$0].truncated || tipHidden[$0] },
                                                         phases: &phases)
            for i in inferred { hairs[i].phase = phases[i]; hairs[i].phaseInferred = true }
        }
        var units: [FollicularUnit] = []
        for u in 0..<grouping.unitCount {
            let members = hairs.filter { $0.unitID == u + 1 }
            let cx = members.map { $0.emergence.x }.reduce(0, +) / Double(max(members.count, 1))
            let cy = members.map { $0.emergence.y }.reduce(0, +) / Double(max(members.count, 1))
            units.append(FollicularUnit(id: u + 1, center: PixelPoint(x: cx, y: cy), hairIDs: members.map { $0.id }))
        }

        // 8. Metrics.
        let metrics = MetricsCalculator.compute(hairs: hairs, units: units, areaCm2: areaCm2,
                                                calibrated: calibration.isCalibrated,
                                                phaseAssigned: options.effectiveAnagenMinMicrons != nil)
        let hairMask = HairMaskPainter.paint(hairs, width: w, height: h)
        timings.metrics = clock.lap()
        return ImageAnalysis(width: w, height: h, calibration: calibration, fieldMask: field.bits,
                             analyzedAreaPixels: areaPixels, analyzedAreaCm2: areaCm2,
                             hairMask: hairMask,
                             hairs: hairs, units: units, metrics: metrics)
    }

    /// The widest outer width (rim to rim, blur included) a pair of rims, or a rim and the rest of its shaft, may
    /// span: a thick terminal shaft (about 110 µm) with room for its rims and the optics' blur.
    static let widestOuterWidthMicrons = 160.0

    /// No hair is wider than `widestOuterWidthMicrons`, nor two lying side by side wider than twice that: a
    /// cross-section fitted wider has wandered onto the shading between hairs (on the clipped phantoms, traces run
    /// across bare skin between two hairs' ends, fitted 330–680 µm wide and then split as two hairs side by side).
    static func hasPlausibleWidth(_ m: ShaftMeasurer.Measurement, micronsPerPixel umPerPx: Double) -> Bool {
        m.diameterPixels * umPerPx <= 2 * widestOuterWidthMicrons
    }

    /// Whether a hair's tip (the end away from its opening) runs under another shaft (a junction it does not
    /// continue through): it is seen only up to there, so its length is a lower bound, as for a hair cut by the
    /// frame, and its phase after clipping is inferred like a cut hair's (`HairClassifier.inferCutPhases`).
    /// On the clipped phantoms 147 of 2386 matched hairs were anagen hairs called telogen, most of them seen
    /// only up to where they pass under a unit mate or a crossing hair.
    static func tipIsHidden(_ path: ShaftPath, emergenceAtStart: Bool) -> Bool {
        (emergenceAtStart ? path.endKind : path.startKind) == .junction
    }

    /// How far (px) beyond the shaft masks a gap counts as covered at the final join: the widest margin the later
    /// passes leave round the dark masks (3 px) plus a pixel of a shaft's blurred edge.
    static let occluderReach: Float = 4

    /// `scratch` (`mask.count` pixels) comes back reset, ready for the next mask.
    static func trace(_ mask: ByteMask, polarity: ShaftPolarity, contrast: PieceContrast? = nil,
                      scratch: inout SkeletonGraph.Scratch) -> [ShaftPath] {
        // Square roots in place: a mapped copy is one more image-sized array to fault in.
        var radius = DistanceTransform.squaredDistance(width: mask.width, height: mask.height) { mask.bits[$0] == 0 }
        radius.withUnsafeMutableBufferPointer { r in
            for i in 0..<r.count { r[i] = r[i].squareRoot() }
        }
        var skeleton = Skeletonizer.thin(mask)
        SpurPruner.prune(&skeleton, radius: radius, scratch: &scratch)
        var graph = SkeletonGraph(skeleton: skeleton, scratch: &scratch)
        let paths = CrossingResolver.resolve(graph, radius: radius, polarity: polarity, contrast: contrast)
        graph.recycle(into: &scratch)
        return paths
    }

    /// Whether a measured shaft is a hair rather than texture, a pore or a fold: long enough, elongated,
    /// clearly above the noise, and physically plausible — skin on both sides, and an axis darker than that
    /// skin (or, for white and grey hairs, brighter than it; a strip of skin between two dark hairs is not).
    static func accept(_ m: ShaftMeasurer.Measurement, minLengthPx: Double) -> Bool {
        guard m.lengthPixels >= minLengthPx else { return false }
        guard m.lengthPixels >= minimumElongation(m) * m.diameterPixels, m.diameterPixels >= 0.5 else { return false }
        guard abs(m.skinTransmission - 1) <= 0.3 else { return false }
        switch m.path.polarity {
        case .darker:
            let depth = m.skinTransmission - m.axisTransmission
            guard m.signalToNoise >= 8, depth >= 0.03, m.axisTransmission >= -0.1 else { return false }
            if m.path.besideDarkerShaft && (depth < 0.1 || m.signalToNoise < 15) { return false }
            // Short faint lines are mostly texture (pieces of furrows, pigment); a short hair must be clear.
            if m.lengthPixels < 2.5 * minLengthPx && depth < 0.1 { return false }
        case .lighter:
            let rise = m.axisTransmission - max(1, m.skinTransmission)
            // Nothing on skin is 80 % brighter than the skin but glare. In the colour plane a neutral shaft
            // reaches 2 (all the skin's redness gone), a bluish one a little beyond.
            let brightest = m.path.unpigmented ? 2.2 : 1.8
            guard m.signalToNoise >= 12, rise >= 0.04, m.axisTransmission <= brightest else { return false }
        }
        return true
    }

    /// How many times longer than wide a detection must be to be a hair. A faint one, three: pores, dots and
    /// short scraps of texture are roundish. One pigmented beyond doubt (`ShadingTest.isPigmentedBeyondDoubt`),
    /// two: a telogen stub after clipping barely grows and may be only two or three diameters long, and what else
    /// is that dark on the skin (a follicle opening, a pigment dot) is round and soft.
    static func minimumElongation(_ m: ShaftMeasurer.Measurement) -> Double {
        ShadingTest.isPigmentedBeyondDoubt(m) ? darkShaftElongation : 3
    }

    /// The elongation a dark shaft needs (`minimumElongation`), also a bundle's part.
    static let darkShaftElongation = 2.0

    /// Drops detections that run along a stronger one (a shaft's edge or halo traced as a second line, a
    /// piece of a hair already found whole): a detection is kept only if most of its centerline lies
    /// outside the bodies of the detections kept before it, strongest first.
    static func suppressDuplicates(_ measured: [ShaftMeasurer.Measurement]) -> [ShaftMeasurer.Measurement] {
        let order = measured.indices.sorted {
            measured[$0].signalToNoise * measured[$0].lengthPixels > measured[$1].signalToNoise * measured[$1].lengthPixels
        }
        // Testing every point against every kept centerline is quadratic in the hair count (most of the
        // analysis time on a dense 5 MP image). A coarse grid of the kept segments' reach boxes narrows each
        // point to the few segments near it; the test itself is the same, so the result is too.
        var index = SegmentGrid(measured)
        var kept: [ShaftMeasurer.Measurement] = []
        for i in order {
            let m = measured[i]
            // Where it runs through a crossing or along a stem it shares with a hair from the same opening,
            // lying on another detection is expected: those points do not count either way.
            let clear = max(4, 0.5 * m.diameterPixels + 2)
            var inside = 0, counted = 0
            let nearCrossing = SegmentGeometry.nearAnyPoint(of: m.path.crossings, closerThan: clear, along: m.centerline)
            for (k, p) in m.centerline.enumerated() {
                if nearCrossing[k] { continue }
                counted += 1
                if index.anyWithinReach(p, of: kept, except: m.wedge) { inside += 1 }
            }
            if Double(inside) <= 0.5 * Double(counted) {
                index.insert(m, as: kept.count)
                kept.append(m)
            }
        }
        return kept
    }

    /// Buckets of (kept shaft, segment) pairs whose box, grown by the shaft's reach, overlaps a grid cell.
    struct SegmentGrid {
        private let cell = 32.0
        private let originX: Double, originY: Double
        private let columns: Int, rows: Int
        private var buckets: [[SIMD2<Int32>]]
        /// Segments with a non-finite end have no box; they are tested against every point.
        private var anywhere: [SIMD2<Int32>] = []

        init(_ measured: [ShaftMeasurer.Measurement]) {
            var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0, first = true
            for m in measured {
                for p in m.centerline where p.x.isFinite && p.y.isFinite {
                    if first { minX = p.x; maxX = p.x; minY = p.y; maxY = p.y; first = false }
                    minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
                }
            }
            originX = minX; originY = minY
            columns = max(1, min(4096, Int((maxX - minX) / cell) + 1))
            rows = max(1, min(4096, Int((maxY - minY) / cell) + 1))
            buckets = [[SIMD2<Int32>]](repeating: [], count: columns * rows)
        }

        @inline(__always)
        private func column(_ x: Double) -> Int { min(columns - 1, max(0, Int(((x - originX) / cell).rounded(.down)))) }
        @inline(__always)
        private func row(_ y: Double) -> Int { min(rows - 1, max(0, Int(((y - originY) / cell).rounded(.down)))) }

        mutating func insert(_ m: ShaftMeasurer.Measurement, as k: Int) {
            let line = m.centerline
            guard line.count > 1 else { return }
            // A pixel more than the reach: rounding can never put a point within reach outside its box.
            let grow = 0.5 * m.diameterPixels + 1.5 + 1
            for i in 1..<line.count {
                let a = line[i - 1], b = line[i]
                guard a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite && grow.isFinite else {
                    anywhere.append(SIMD2(Int32(k), Int32(i)))
                    continue
                }
                let c0 = column(min(a.x, b.x) - grow), c1 = column(max(a.x, b.x) + grow)
                let r0 = row(min(a.y, b.y) - grow), r1 = row(max(a.y, b.y) + grow)
                for r in r0...r1 {
                    for c in c0...c1 { buckets[r * columns + c].append(SIMD2(Int32(k), Int32(i))) }
                }
            }
        }

        /// Whether `p` lies inside the body of any kept shaft: `distance(_:toPolyline:within:)` per segment.
        /// Shafts of wedge `except` (the other hair of a wedge) do not count.
        func anyWithinReach(_ p: PixelPoint, of kept: [ShaftMeasurer.Measurement], except wedge: Int? = nil) -> Bool {
            for entry in anywhere {
                let k = kept[Int(entry.x)]
                if wedge != nil && k.wedge == wedge { continue }
                let i = Int(entry.y)
                if HairAnalyzer.distance(p, toSegment: k.centerline[i - 1], k.centerline[i], within: 0.5 * k.diameterPixels + 1.5) { return true }
            }
            guard p.x.isFinite && p.y.isFinite else { return false }
            for entry in buckets[row(p.y) * columns + column(p.x)] {
                let k = kept[Int(entry.x)]
                if wedge != nil && k.wedge == wedge { continue }
                let i = Int(entry.y)
                let reach = 0.5 * k.diameterPixels + 1.5
                if HairAnalyzer.distance(p, toSegment: k.centerline[i - 1], k.centerline[i], within: reach) { return true }
            }
            return false
        }
    }

    static func distance(_ p: PixelPoint, toPolyline line: [PixelPoint], within r: Double) -> Bool {
        for i in 1..<max(1, line.count) where distance(p, toSegment: line[i - 1], line[i], within: r) { return true }
        return false
    }

    @inline(__always)
    static func distance(_ p: PixelPoint, toSegment a: PixelPoint, _ b: PixelPoint, within r: Double) -> Bool {
        let r2 = r * r
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(1, max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0
        let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
        return ex * ex + ey * ey <= r2
    }

    /// Distance from each pixel to the nearest excluded pixel or to the frame, in pixels.
    static func distanceToEdge(_ field: ByteMask) -> [Float] {
        let w = field.width, h = field.height
        // In place: a second image-sized array is one more to fault in.
        var d = DistanceTransform.squaredDistance(width: w, height: h) { field.bits[$0] == 0 }
        d.withUnsafeMutableBufferPointer { db in
            for y in 0..<h {
                let row = y &* w, dy = min(y, h &- 1 &- y)
                for x in 0..<w {
                    let frame = Float(min(min(x, w &- 1 &- x), dy)) + 0.5
                    db[row &+ x] = min(db[row &+ x].squareRoot(), frame)
                }
            }
        }
        return d
    }

    static func midpoint(_ line: [PixelPoint]) -> PixelPoint {
        guard line.count > 1 else { return line.first ?? PixelPoint(x: 0, y: 0) }
        let half = ShaftMeasurer.arcLength(line) / 2
        var acc = 0.0
        for i in 1..<line.count {
            let dx = line[i].x - line[i - 1].x, dy = line[i].y - line[i - 1].y
            let seg = (dx * dx + dy * dy).squareRoot()
            if acc + seg >= half && seg > 0 {
                let t = (half - acc) / seg
                return PixelPoint(x: line[i - 1].x + t * dx, y: line[i - 1].y + t * dy)
            }
            acc += seg
        }
        return line[line.count - 1]
    }
}
