/// Hair pigments a preset draws from. These are the generator's own choices, made from how hair
/// looks under a dermatoscope; the analysis code never sees them.
enum HairPalette {
    /// Dark to medium brown hair with an occasional white one (natural scalp).
    case brown
    /// Clipped and dyed: near black, with some grey-brown semi-transparent stubs.
    case dyed
    /// Blond, grey and white: some barely darker than the skin, some lighter.
    case light
    /// Calibration fibres: opaque near-black of known diameter.
    case calibration

    /// The subject's hair: one draw per image, so hairs of an image look alike.
    struct Subject {
        var colours: [Colour]
        var weights: [Double]
        var depthPer70um: [ClosedRange<Double>]
    }

    func subject(_ rng: inout PhantomRandom) -> Subject {
        switch self {
        case .brown:
            let shades: [Colour] = [Colour(0.09, 0.065, 0.055), Colour(0.17, 0.115, 0.08), Colour(0.30, 0.20, 0.12)]
            let pick = rng.weightedIndex([0.4, 0.4, 0.2])
            let greyShare = rng.chance(0.3) ? rng.uniform(0.02, 0.15) : 0
            return Subject(colours: [shades[pick], Colour(0.93, 0.92, 0.89)],
                           weights: [1 - greyShare, greyShare],
                           depthPer70um: [pick == 2 ? 1.8...3.0 : 2.4...4.2, 1.2...2.4])
        case .dyed:
            let greyShare = rng.uniform(0.03, 0.15)
            return Subject(colours: [Colour(0.07, 0.055, 0.05), Colour(0.36, 0.31, 0.28)],
                           weights: [1 - greyShare, greyShare],
                           depthPer70um: [3.2...5.5, 1.0...2.0])
        case .light:
            let blond = Colour(0.80, 0.71, 0.56), ash = Colour(0.64, 0.60, 0.56)
            let white = Colour(0.96, 0.95, 0.92), lightBrown = Colour(0.52, 0.40, 0.29)
            return Subject(colours: [blond, ash, white, lightBrown],
                           weights: [rng.uniform(0.2, 0.6), rng.uniform(0.1, 0.4), rng.uniform(0.1, 0.4), rng.uniform(0, 0.25)],
                           depthPer70um: [0.8...2.0, 1.0...2.2, 1.4...2.8, 1.6...2.6])
        case .calibration:
            return Subject(colours: [Colour(0.06, 0.05, 0.05)], weights: [1], depthPer70um: [4.0...4.0])
        }
    }

    /// One hair's look: the subject's pigment, jittered, thinned out for vellus and thin shafts.
    func look(subject: Subject, diameterUm: Double, vellus: Bool, rng: inout PhantomRandom) -> HairLook {
        if case .calibration = self {
            // Calibration fibres are dyed through: nearly opaque whatever their diameter.
            return HairLook(colour: subject.colours[0], opticalDepth: 3.0 + 0.03 * diameterUm,
                            specular: 0.04, pigmentVariation: 0.02)
        }
        let kind = rng.weightedIndex(subject.weights)
        var colour = subject.colours[kind]
        let jitter = rng.normal(mean: 1, sd: 0.12)
        colour = Colour(min(1, colour.x * jitter), min(1, colour.y * jitter), min(1, colour.z * jitter))
        var depth = rng.uniform(subject.depthPer70um[kind]) * diameterUm / 70
        if vellus {
            // Vellus hairs carry little melanin: lighter and far more transparent.
            let pale = Colour(0.62, 0.50, 0.38)
            let mixAmount = rng.uniform(0.3, 0.7)
            colour = colour * (1 - mixAmount) + pale * mixAmount
            depth *= rng.uniform(0.4, 0.75)
        }
        let specular = vellus ? rng.uniform(0.0, 0.02) : rng.uniform(0.01, 0.06)
        return HairLook(colour: colour, opticalDepth: max(0.15, depth), specular: specular,
                        pigmentVariation: rng.uniform(0.05, 0.2))
    }
}
